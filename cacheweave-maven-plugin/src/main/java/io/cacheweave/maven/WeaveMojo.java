package io.cacheweave.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Weaves the {@code @Cached} and {@code @Invalidate} methods of the main classes in place, after compilation
 * ({@code process-classes}), so that the application caches without {@code -javaagent}. Fails the build when a
 * class carries cache annotations but has no generated key builder, or when a class file cannot be woven.
 */
@Mojo(name = "weave", defaultPhase = LifecyclePhase.PROCESS_CLASSES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME)
public class WeaveMojo extends AbstractWeaveMojo {

    /** The classes to weave. */
    @Parameter(defaultValue = "${project.build.outputDirectory}", required = true)
    private File classesDirectory;

    /** The class path of the main classes. */
    @Parameter(defaultValue = "${project.compileClasspathElements}", readonly = true, required = true)
    private List<String> classpathElements;

    /** Skips the weave. */
    @Parameter(property = "cacheweave.weave.skip", defaultValue = "false")
    private boolean skip;

    @Override
    File classesDirectory() {
        return classesDirectory;
    }

    @Override
    List<String> classPath() {
        return classpathElements;
    }

    @Override
    boolean skip() {
        return skip;
    }
}
