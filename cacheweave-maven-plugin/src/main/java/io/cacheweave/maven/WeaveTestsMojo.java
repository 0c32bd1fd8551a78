package io.cacheweave.maven;

import java.io.File;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Weaves the {@code @Cached} and {@code @Invalidate} methods of the test classes in place
 * ({@code process-test-classes}), so that tests run cached without {@code -javaagent}. Same checks as {@code weave}.
 */
@Mojo(name = "weave-tests", defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.TEST)
public class WeaveTestsMojo extends AbstractWeaveMojo {

    /** The test classes to weave. */
    @Parameter(defaultValue = "${project.build.testOutputDirectory}", required = true)
    private File testClassesDirectory;

    /** The class path of the test classes. */
    @Parameter(defaultValue = "${project.testClasspathElements}", readonly = true, required = true)
    private List<String> testClasspathElements;

    /** Skips the weave of the test classes. */
    @Parameter(property = "cacheweave.weave-tests.skip", defaultValue = "false")
    private boolean skip;

    @Override
    File classesDirectory() {
        return testClassesDirectory;
    }

    @Override
    List<String> classPath() {
        return testClasspathElements;
    }

    @Override
    boolean skip() {
        return skip;
    }
}
