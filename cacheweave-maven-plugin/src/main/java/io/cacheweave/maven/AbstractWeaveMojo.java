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

/** Weaves one classes directory in place with {@link BuildTimeWeaver}; a weave that fails fails the build. */
abstract class AbstractWeaveMojo extends AbstractMojo {

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
            BuildTimeWeaver.Result result = BuildTimeWeaver.weave(classes.toPath(), classPath, classes.toPath());
            getLog().info("cacheweave: wove " + result.woven() + (result.woven() == 1 ? " class" : " classes")
                    + " of " + classes + (result.alreadyWoven() > 0 ? " (" + result.alreadyWoven()
                    + " already woven)" : ""));
        } catch (WeaveFailure e) {
            throw new MojoFailureException(e.getMessage());
        } catch (IOException e) {
            throw new MojoExecutionException("cacheweave: could not write the woven classes of " + classes, e);
        }
    }
}
