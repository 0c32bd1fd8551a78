package io.cacheweave.agent;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of the build-time weaver, for build tools other than Maven (the main class of
 * {@code cache-agent.jar}):
 * <pre>
 * java -jar cache-agent.jar weave &lt;classes-dir&gt; &lt;class-path&gt; [&lt;output-dir&gt;]
 * </pre>
 * The class path lists the directories and jars the classes were compiled against, separated by the platform's
 * path separator, and must hold {@code cache-runtime}. Without an output directory the classes are woven in
 * place. Exit status 0 when woven, 1 when the weave failed (the problems go to standard error), 2 on a usage error.
 */
public final class WeaveCommand {
    private static final String USAGE = "usage: java -jar cache-agent.jar weave <classes-dir> <class-path> "
            + "[<output-dir>]\n  weaves the @Cached and @Invalidate methods of <classes-dir> (in place, or into "
            + "<output-dir>);\n  <class-path>: the directories and jars the classes were compiled against, separated "
            + "by '" + File.pathSeparator + "', with cache-runtime among them";

    private WeaveCommand() {
    }

    /**
     * Runs the command and exits with its status.
     *
     * @param args {@code weave <classes-dir> <class-path> [<output-dir>]}
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** @return the exit status of the command */
    static int run(String... args) {
        if (args.length < 3 || args.length > 4 || !args[0].equals("weave")) {
            System.err.println(USAGE);
            return 2;
        }
        Path classes = Path.of(args[1]);
        List<Path> classPath = new ArrayList<>();
        for (String entry : args[2].split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                classPath.add(Path.of(entry));
            }
        }
        Path output = args.length == 4 ? Path.of(args[3]) : classes;
        try {
            BuildTimeWeaver.Result result = BuildTimeWeaver.weave(classes, classPath, output);
            System.out.println("cacheweave: wove " + result.woven() + " classes of " + classes
                    + (result.alreadyWoven() > 0 ? " (" + result.alreadyWoven() + " were already woven)" : "")
                    + (output.equals(classes) ? "" : " into " + output));
            return 0;
        } catch (WeaveFailure e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("cacheweave: could not write the woven classes: " + e);
            return 1;
        }
    }
}
