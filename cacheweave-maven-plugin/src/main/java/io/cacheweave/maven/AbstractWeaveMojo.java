package io.cacheweave.maven;

import io.cacheweave.agent.BuildTimeWeaver;
import io.cacheweave.agent.WeaveFailure;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Weaves one classes directory with {@link BuildTimeWeaver}, in place or into {@link #outputDirectory}; a weave that
 * fails fails the build, and leaves no half-written output.
 */
abstract class AbstractWeaveMojo extends AbstractMojo {

    /**
     * Where the woven classes go: by default the classes directory itself (woven in place). Another directory receives
     * a woven copy of every class file and resource, leaving the compiled classes as they are, for instance to test
     * both weaving modes from one build.
     */
    @Parameter(property = "cacheweave.weave.outputDirectory")
    private File outputDirectory;

    /** @return the classes directory to weave */
    abstract File classesDirectory();

    /** @return the class path the classes were compiled against */
    abstract List<String> classPath();

    /** @return whether to skip this goal */
    abstract boolean skip();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        File classes = classesDirectory();
        if (skip()) {
            getLog().info("cacheweave: weaving skipped");
            return;
        }
        if (!classes.isDirectory()) {
            getLog().info("cacheweave: nothing to weave, " + classes + " does not exist");
            return;
        }
        List<Path> classPath = classPath().stream().map(Path::of).filter(p -> !p.equals(classes.toPath())).toList();
        try {
            Path target = outputDirectory == null ? classes.toPath() : outputDirectory.toPath();
            BuildTimeWeaver.Result result = BuildTimeWeaver.weave(classes.toPath(), classPath, target);
            getLog().info("cacheweave: wove " + result.woven() + (result.woven() == 1 ? " class" : " classes")
                    + " of " + classes + (target.equals(classes.toPath()) ? "" : " into " + target)
                    + (result.alreadyWoven() > 0 ? " (" + result.alreadyWoven() + " already woven)" : ""));
        } catch (WeaveFailure e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("cacheweave: could not write the woven classes of " + classes, e);
        }
    }
}
