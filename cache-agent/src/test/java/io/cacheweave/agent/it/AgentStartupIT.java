package io.cacheweave.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the agent costs a JVM at start, checked in child JVMs by the classes they load: Byte Buddy only when a listed
 * class loads, and not at all once the woven class is kept in the weave cache ({@code cacheweave.agent.weave-cache}).
 */
class AgentStartupIT {
    private static final String BYTE_BUDDY = "io.cacheweave.agent.shaded.bytebuddy.";

    /** Calls a woven method twice and prints how often its body ran. */
    public static final class Woven {
        public static void main(String[] args) {
            WovenService service = new WovenService();
            service.finalLookup("x");
            service.finalLookup("x");
            System.out.println("runs=" + service.finalRuns.get());
        }
    }

    /** Loads no listed class. */
    public static final class NothingWoven {
        public static void main(String[] args) {
            System.out.println("plain=" + Summary.class.getSimpleName());
        }
    }

    private static String run(Class<?> main, String weaveCache) throws IOException, InterruptedException {
        String agent = Path.of("target", "cache-agent.jar").toAbsolutePath().toString();
        return run(main, List.of("-javaagent:" + agent, "-Dcacheweave.agent.weave-cache=" + weaveCache));
    }

    private static String run(Class<?> main, List<String> options) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(options);
        command.addAll(List.of("-verbose:class", "-Dcacheweave.monitor.jmx=false",
                "-cp", System.getProperty("java.class.path"), main.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    private static long byteBuddyClasses(String out) {
        return out.lines().filter(l -> l.contains(BYTE_BUDDY)).count();
    }

    private static long classesLoaded(String out) {
        return out.lines().filter(l -> l.contains("[class,load]")).count();
    }

    private static boolean loaded(String out, String className) {
        return out.lines().anyMatch(l -> l.contains("[class,load] " + className + " "));
    }

    /**
     * What a later start (the woven class read from the weave cache) adds to the same application run without the
     * agent, counted in classes, which the machine's load does not change: the JVM's own agent support, the
     * agent, the runtime and Caffeine (BENCHMARKS.md, "Where start-up time goes"). Measured: 953 classes (1,449
     * against 496 for this small application); before the weave cache dropped SHA-256 and the index its records,
     * about 200 more. The bound leaves room for small changes, not for those to come back nor for a library more.
     */
    @Test
    void laterStart_addsFewClasses_andNoCryptoNorRecordBootstraps(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("woven");
        run(Woven.class, cache.toString()); // weaves and keeps the class
        String later = run(Woven.class, cache.toString());
        String without = run(Woven.class, List.of());
        assertTrue(later.contains("runs=1"), later);
        assertTrue(without.contains("runs=2"), "not woven without the agent:\n" + without);

        long added = classesLoaded(later) - classesLoaded(without);
        assertTrue(added < 1_050, "a later start with the agent loads " + classesLoaded(later) + " classes, "
                + added + " more than without it");
        assertEquals(0, byteBuddyClasses(later));
        // the weave cache's checksums are the JDK's native CRC-32 and Adler-32: no MessageDigest, no JCA providers
        assertFalse(loaded(later, "java.security.MessageDigest"), "no MessageDigest");
        assertFalse(loaded(later, "sun.security.provider.Sun"), "no JCA provider");
        // the weave index's entries are a plain class: no ObjectMethods bootstrap during premain
        assertFalse(loaded(later, "java.lang.runtime.ObjectMethods"), "no record method bootstrap");
        // without a Redis URL nothing of Lettuce loads (reading the settings once pulled in the bus's interfaces)
        assertEquals(0, later.lines().filter(l -> l.contains("[class,load] io.lettuce.")).count(), "no Lettuce");
        // the runtime's loggers start SLF4J when they first log, and this run logs nothing
        assertFalse(loaded(later, "org.slf4j.LoggerFactory"), "SLF4J not started");
    }

    /**
     * With a Redis URL, the thread that builds the process-wide runtime (which the first cached call waits for) loads
     * nothing of Lettuce's URL parser, Reactor, Netty or SLF4J: those load on the Redis client's own threads.
     */
    @Test
    void aRedisUrl_costsTheThreadBuildingTheRuntimeNoReactorNettyNorSlf4j(@TempDir Path dir) throws Exception {
        String agent = Path.of("target", "cache-agent.jar").toAbsolutePath().toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-javaagent:" + agent,
                "-Dcacheweave.agent.weave-cache=" + dir.resolve("woven"), "-Dcacheweave.monitor.jmx=false",
                "-Xlog:class+load:stdout:tid", "-cp", System.getProperty("java.class.path"), Woven.class.getName())
                .redirectErrorStream(true);
        builder.environment().put("REDIS_URL", "redis://127.0.0.1:1"); // nothing listens there: never connects
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "child JVM did not finish");
        // both calls run the body: without a subscribed invalidation bus the memory tier is not served either
        assertTrue(out.contains("runs=2"), out);

        // lines look like "[<tid>] io.cacheweave.runtime.CacheRuntime source: ..."
        String builderThread = out.lines().filter(l -> l.contains("] io.cacheweave.runtime.CacheRuntime source:"))
                .map(l -> l.substring(0, l.indexOf(']') + 1)).findFirst().orElseThrow(() -> new AssertionError(out));
        List<String> costly = out.lines().filter(l -> l.startsWith(builderThread + " "))
                .filter(l -> l.contains("] reactor.") || l.contains("] io.netty.")
                        || l.contains("] org.slf4j.LoggerFactory ") || l.contains("] io.lettuce.core.RedisURI "))
                .map(l -> l.split(" ")[1]).toList();
        assertEquals(List.of(), costly, "loaded by the thread that builds the runtime");
    }

    @Test
    void noListedClass_noByteBuddy() throws Exception {
        String out = run(NothingWoven.class, "off");
        assertTrue(out.contains("plain=Summary"), out);
        assertEquals(0, byteBuddyClasses(out), "premain alone loads no Byte Buddy class");
    }

    @Test
    void secondStart_readsTheWovenClassFromTheCache_withoutByteBuddy(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("woven");
        String first = run(Woven.class, cache.toString());
        assertTrue(first.contains("runs=1"), "woven and cached:\n" + first);
        assertTrue(byteBuddyClasses(first) > 100, "the first start weaves with Byte Buddy");
        try (Stream<Path> kept = Files.list(cache)) {
            assertEquals(1, kept.count(), "one woven class kept");
        }
        if (Files.getFileStore(cache).supportsFileAttributeView("posix")) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cache)));
        }

        String second = run(Woven.class, cache.toString());
        assertTrue(second.contains("runs=1"), "still woven:\n" + second);
        assertEquals(0, byteBuddyClasses(second), "read from the cache, not woven again");
    }

    @Test
    void damagedEntry_isWovenAgain(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("woven");
        run(Woven.class, cache.toString());
        Path kept;
        try (Stream<Path> files = Files.list(cache)) {
            kept = files.findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(kept);
        bytes[bytes.length - 1] ^= 1;
        Files.write(kept, bytes);

        String out = run(Woven.class, cache.toString());
        assertTrue(out.contains("runs=1"), out);
        assertTrue(byteBuddyClasses(out) > 100, "a damaged entry is not used: the class is woven again");
    }

    @Test
    void directoryOthersMayWrite_isNotUsed_andSaysSo(@TempDir Path dir) throws Exception {
        Path cache = Files.createDirectory(dir.resolve("shared"));
        if (!Files.getFileStore(cache).supportsFileAttributeView("posix")) {
            return; // the permission check is for POSIX file systems
        }
        Files.setPosixFilePermissions(cache, PosixFilePermissions.fromString("rwxrwxrwx"));
        String out = run(Woven.class, cache.toString());
        assertTrue(out.contains("runs=1"), "still woven, without the cache:\n" + out);
        assertTrue(out.contains("[cacheweave-agent] WARN cannot use " + cache) && out.contains("may be written by "
                + "others"), out);
        try (Stream<Path> files = Files.list(cache)) {
            assertFalse(files.findAny().isPresent(), "nothing kept there");
        }
    }
}
