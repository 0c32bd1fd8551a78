package io.cacheweave.processor;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Filer;
import javax.lang.model.element.Element;
import javax.tools.FileObject;
import javax.tools.StandardLocation;

/**
 * The index of woven methods, {@value #PATH}, that tells the agent which classes to transform and where each
 * method's generated field is. The format is described in the {@linkplain io.cacheweave.processor package
 * documentation}; the agent parses exactly that, so it changes only together with {@link #HEADER}'s version.
 */
final class CacheIndex {
    /** Where the index goes in the class output. */
    static final String PATH = "META-INF/cacheweave/index";
    /** The first line: a comment naming the format and its fields. */
    static final String HEADER = "# cacheweave index v1: kind class method descriptor holder field";

    private final Set<String> lines = new LinkedHashSet<>();
    private final List<Element> originatingElements = new ArrayList<>();

    /** Adds one line per woven method of {@code model}. */
    void add(ClassModel model) {
        for (MethodModel m : model.methods()) {
            lines.add(line(model, m));
        }
        originatingElements.add(model.element());
    }

    /** @return the index line of {@code m}, such as {@code cached com.acme.A find (J)Ljava/lang/String; ...} */
    static String line(ClassModel model, MethodModel m) {
        return String.join(" ", m.indexKind(), m.declaringClass(), m.methodName(), m.descriptor(),
                model.holderBinaryName(), m.fieldName());
    }

    /** @return the lines so far, header excluded */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** Writes the index, unless no method was woven. */
    void write(Filer filer) throws IOException {
        if (lines.isEmpty()) {
            return;
        }
        FileObject file = filer.createResource(StandardLocation.CLASS_OUTPUT, "", PATH,
                originatingElements.toArray(new Element[0]));
        try (Writer out = new java.io.OutputStreamWriter(file.openOutputStream(), StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (String line : lines) {
                out.write(line);
                out.write('\n');
            }
        }
    }
}
