package io.cacheweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;

/** Assertions on where a message lands: file and line, as the compiler's caret shows it. */
final class Diagnose {
    private Diagnose() {
    }

    static void error(Compilation c, String file, String line, String... fragments) {
        for (String fragment : fragments) {
            assertThat(c).hadErrorContaining(fragment).inFile(Compilations.source(file)).onLineContaining(line);
        }
    }

    static void warning(Compilation c, String file, String line, String... fragments) {
        for (String fragment : fragments) {
            assertThat(c).hadWarningContaining(fragment).inFile(Compilations.source(file)).onLineContaining(line);
        }
    }
}
