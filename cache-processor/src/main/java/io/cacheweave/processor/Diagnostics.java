package io.cacheweave.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports {@link Message}s on the element, the annotation and the attribute at fault, so that the compiler's caret
 * lands on the mistake, and counts the errors, so that a class with an error gets no generated code.
 */
final class Diagnostics {
    private final Messager messager;
    private final AnnotationLocator locator;
    private int errors;

    Diagnostics(Messager messager, AnnotationLocator locator) {
        this.messager = messager;
        this.locator = locator;
    }

    /**
     * @param message what is wrong
     * @param element the element at fault
     * @param annotation the annotation at fault, or {@code null}
     * @param value the attribute at fault, or {@code null} (then the caret marks the annotation or the element)
     * @param args the message's arguments, subject first
     */
    void report(Message message, Element element, AnnotationMirror annotation, AnnotationValue value,
            Object... args) {
        if (message.kind() == Diagnostic.Kind.ERROR) {
            errors++;
        }
        String text = message.format(args);
        if (!locator.printAtNested(message.kind(), text, element, annotation, value)) {
            messager.printMessage(message.kind(), text, element, annotation, value);
        }
    }

    /** @return how many errors were reported so far */
    int errors() {
        return errors;
    }
}
