package io.cacheweave.processor;

import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import java.util.List;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;
import javax.tools.Diagnostic;

/**
 * Places messages about a repeated annotation ({@code @Invalidate} twice on a method, held by the compiler in a
 * synthesized {@code @Invalidate.List}). {@link javax.annotation.processing.Messager} finds no source position for
 * an annotation nested in a container the user never wrote, and falls back to the method; javac's tree API can find
 * the annotation as written. Under another compiler this does nothing, and the messager's fallback applies.
 */
final class AnnotationLocator {
    private final Trees trees;
    private final Types types;

    AnnotationLocator(ProcessingEnvironment env) {
        Trees t;
        try {
            t = Trees.instance(env);
        } catch (RuntimeException | LinkageError notJavac) {
            t = null;
        }
        this.trees = t;
        this.types = env.getTypeUtils();
    }

    /**
     * Prints the message at the attribute (or the annotation) as written, when {@code annotation} is nested in a
     * container annotation of {@code element}.
     *
     * @return whether it printed; {@code false} when the annotation is not nested or cannot be found
     */
    boolean printAtNested(Diagnostic.Kind kind, String message, Element element, AnnotationMirror annotation,
            AnnotationValue value) {
        if (trees == null || annotation == null || !(element instanceof ExecutableElement)
                || element.getAnnotationMirrors().contains(annotation)) {
            return false;
        }
        int index = indexAmongRepeats(element, annotation);
        TreePath method = trees.getPath(element);
        if (index < 0 || method == null || !(method.getLeaf() instanceof MethodTree m)) {
            return false;
        }
        TreePath modifiers = new TreePath(method, m.getModifiers());
        int seen = 0;
        for (AnnotationTree a : m.getModifiers().getAnnotations()) {
            TypeMirror type = trees.getTypeMirror(new TreePath(modifiers, a));
            if (type == null || !types.isSameType(type, annotation.getAnnotationType()) || seen++ != index) {
                continue;
            }
            Tree at = attribute(a, annotation, value);
            trees.printMessage(kind, message, at, method.getCompilationUnit());
            return true;
        }
        return false;
    }

    /** @return the position of {@code annotation} among the repeats held by a container of {@code element} */
    private static int indexAmongRepeats(Element element, AnnotationMirror annotation) {
        for (AnnotationMirror container : element.getAnnotationMirrors()) {
            for (AnnotationValue v : container.getElementValues().values()) {
                if (v.getValue() instanceof List<?> items) {
                    for (int i = 0; i < items.size(); i++) {
                        if (items.get(i) instanceof AnnotationValue item && item.getValue() == annotation) {
                            return i;
                        }
                    }
                }
            }
        }
        return -1;
    }

    /** @return the argument of {@code tree} that gives {@code value}, or the annotation itself */
    private static Tree attribute(AnnotationTree tree, AnnotationMirror annotation, AnnotationValue value) {
        if (value == null) {
            return tree;
        }
        String name = null;
        for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e
                : annotation.getElementValues().entrySet()) {
            if (e.getValue() == value) {
                name = e.getKey().getSimpleName().toString();
            }
        }
        for (ExpressionTree argument : tree.getArguments()) {
            if (argument instanceof AssignmentTree assignment
                    && assignment.getVariable() instanceof IdentifierTree id
                    && id.getName().contentEquals(String.valueOf(name))) {
                return assignment.getExpression();
            }
        }
        return tree;
    }
}
