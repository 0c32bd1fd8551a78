package io.cacheweave.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Filer;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

/** A failure inside the processor becomes a compile error naming it, never a javac crash. */
class ProcessorFailureTest {

    @Test
    void process_failureIsReportedAsError() {
        Compilation c = Compiler.javac().withProcessors(new FailingFilerProcessor())
                .compile(Compilations.source("good/Unpackaged.java"));
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("[ProcessorFailure] Unpackaged: the cacheweave processor failed: "
                + "java.io.IOException: disk full; this is a bug in the processor");
    }

    /** The real processor, with a filer that cannot write. */
    private static final class FailingFilerProcessor extends AbstractProcessor {
        private final CacheweaveProcessor delegate = new CacheweaveProcessor();

        @Override
        public synchronized void init(ProcessingEnvironment env) {
            super.init(env);
            Filer failing = (Filer) Proxy.newProxyInstance(Filer.class.getClassLoader(), new Class<?>[] {Filer.class},
                    (proxy, method, args) -> {
                        throw new IOException("disk full");
                    });
            delegate.init((ProcessingEnvironment) Proxy.newProxyInstance(ProcessingEnvironment.class.getClassLoader(),
                    new Class<?>[] {ProcessingEnvironment.class}, (proxy, method, args) -> {
                        if (method.getName().equals("getFiler")) {
                            return failing;
                        }
                        try {
                            return method.invoke(env, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    }));
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return delegate.getSupportedAnnotationTypes();
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return delegate.getSupportedSourceVersion();
        }

        @Override
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            return delegate.process(annotations, round);
        }
    }
}
