package io.cacheweave.agent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import net.bytebuddy.build.Plugin;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Weaves a classes directory at build time, so that no agent is needed at run time: the same advice as the agent
 * ({@link MethodWeaving}), applied by Byte Buddy's {@code Plugin.Engine}. Used by {@code cacheweave-maven-plugin}
 * and by {@code java -jar cache-agent.jar weave} ({@link WeaveCommand}). Woven classes need only
 * {@code cache-runtime} at run time, and carry {@code @WovenAtBuildTime}, so the agent and a second weave leave
 * them alone.
 *
 * <p>All input is checked first (class path entries, class files, the runtime on the class path), and every class
 * with cache annotations but no generated key builder fails the weave. The result is written to a temporary
 * directory beside the output and moved into place only when every class was woven: a failed weave leaves the
 * output as it was.
 */
public final class BuildTimeWeaver {

    /**
     * What one weave did.
     *
     * @param woven the classes woven now
     * @param alreadyWoven the classes that were already woven at build time and were left alone
     */
    public record Result(int woven, int alreadyWoven) {
    }

    private BuildTimeWeaver() {
    }

    /**
     * Weaves the classes of {@code classes} into {@code output}, which may be {@code classes} itself.
     *
     * @param classes a classes directory, with the {@code META-INF/cacheweave/index} the processor wrote into it
     * @param classPath the directories and jars the classes were compiled against; must hold {@code cache-runtime}
     * @param output where the woven classes go; when it is not {@code classes}, it is replaced by a full copy of
     *     {@code classes} with the listed classes woven
     * @return what was woven
     * @throws WeaveFailure naming every file or class that could not be woven and why; {@code output} is unchanged
     * @throws IOException if the output cannot be written
     */
    public static Result weave(Path classes, List<Path> classPath, Path output) throws WeaveFailure, IOException {
        List<String> problems = Collections.synchronizedList(new ArrayList<>());
        if (!Files.isDirectory(classes)) {
            throw new WeaveFailure(List.of("classes directory " + classes + " does not exist; compile first"));
        }
        for (Path entry : classPath) {
            if (!Files.exists(entry)) {
                problems.add("class path entry " + entry + " does not exist; pass the class path the classes were "
                        + "compiled against (directories and jars, separated by '" + java.io.File.pathSeparator
                        + "')");
            }
        }
        List<Path> classFiles;
        try (Stream<Path> files = Files.walk(classes)) {
            classFiles = files.filter(f -> f.toString().endsWith(".class") && Files.isRegularFile(f)).toList();
        }
        classFiles.parallelStream().map(ClassFileCheck::problem).filter(p -> p != null).forEach(problems::add);
        WeaveIndex index = readIndex(classes, problems);
        if (!problems.isEmpty()) {
            throw new WeaveFailure(problems);
        }
        try (ClassFileLocator locator = locator(classes, classPath)) {
            TypePool pool = TypePool.Default.of(locator);
            TypePool.Resolution marker = pool.describe(MethodWeaving.MARKER);
            if (!marker.isResolved()) {
                throw new WeaveFailure(List.of("io.cacheweave:cache-runtime is not on the class path given to the "
                        + "weaver (woven classes call it at run time); add it to the project's dependencies"));
            }
            CachedMethodPlugin plugin = new CachedMethodPlugin(index, pool, marker.resolve(), problems);
            Path work = Files.createTempDirectory(output.toAbsolutePath().getParent(), ".cacheweave-weave-");
            try {
                Plugin.Engine.Summary summary = new Plugin.Engine.Default()
                        .with(Plugin.Engine.TypeStrategy.Default.DECORATE)
                        .with(locator)
                        .withoutErrorHandlers()
                        .with(new Plugin.Engine.Dispatcher.ForParallelTransformation.WithThrowawayExecutorService
                                .Factory(Math.max(1, Runtime.getRuntime().availableProcessors())))
                        .apply(new Plugin.Engine.Source.ForFolder(classes.toFile()),
                                new Plugin.Engine.Target.ForFolder(work.toFile()),
                                List.of(new Plugin.Factory.Simple(plugin)));
                summary.getFailed().forEach((type, errors) -> problems.add(type.getName() + ": could not be woven ("
                        + errors.get(0) + ")"));
                summary.getUnresolved().forEach(name -> problems.add(name + ": could not be read by the weaver"));
                if (!problems.isEmpty()) {
                    List<String> sorted = new ArrayList<>(problems);
                    Collections.sort(sorted);
                    throw new WeaveFailure(sorted);
                }
                moveIntoPlace(work, classes, output, summary.getTransformed());
                return new Result(summary.getTransformed().size(), plugin.alreadyWoven());
            } finally {
                deleteTree(work);
            }
        }
    }

    private static WeaveIndex readIndex(Path classes, List<String> problems) throws IOException {
        Path file = classes.resolve(WeaveIndex.RESOURCE);
        if (!Files.isRegularFile(file)) {
            return WeaveIndex.ofEntries(List.of());
        }
        try (InputStream in = Files.newInputStream(file)) {
            return WeaveIndex.ofEntries(WeaveIndex.parse(in, file.toString()));
        } catch (IOException e) {
            problems.add(file + ": cannot be read (" + e + ")");
            return WeaveIndex.ofEntries(List.of());
        }
    }

    private static ClassFileLocator locator(Path classes, List<Path> classPath) throws IOException {
        List<ClassFileLocator> locators = new ArrayList<>();
        locators.add(new ClassFileLocator.ForFolder(classes.toFile()));
        for (Path entry : classPath) {
            locators.add(Files.isDirectory(entry) ? new ClassFileLocator.ForFolder(entry.toFile())
                    : ClassFileLocator.ForJarFile.of(entry.toFile()));
        }
        locators.add(ClassFileLocator.ForClassLoader.ofPlatformLoader());
        return new ClassFileLocator.Compound(locators);
    }

    private static void moveIntoPlace(Path work, Path classes, Path output, List<TypeDescription> woven)
            throws IOException {
        if (Files.exists(output) && Files.isSameFile(classes, output)) {
            for (TypeDescription type : woven) {
                String file = type.getName().replace('.', '/') + ".class";
                Files.move(work.resolve(file), classes.resolve(file), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            }
            return;
        }
        if (Files.exists(output)) {
            deleteTree(output);
        }
        Files.move(work, output, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
