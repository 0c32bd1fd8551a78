package io.cacheweave.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeaveCommandTest {

    @Test
    void run_wrongArguments_printsTheUsage() {
        String[] err = new String[1];
        int status = captureErr(err, () -> WeaveCommand.run("weave", "classes"));
        assertEquals(2, status);
        assertTrue(err[0].startsWith("usage: java -jar cache-agent.jar weave <classes-dir> <class-path>"), err[0]);
    }

    @Test
    void run_classesWithoutKeyBuilders_exitsWithOne_andPrintsTheProblem(@TempDir Path dir) throws Exception {
        Path classes = WeaveFixture.compile(dir, "shop.PriceService", WeaveFixture.SERVICE, false);
        String classPath = WeaveFixture.classPath().stream().map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        String[] err = new String[1];
        int status = captureErr(err, () -> WeaveCommand.run("weave", classes.toString(), classPath));
        assertEquals(1, status);
        assertTrue(err[0].contains("shop.PriceService has @Cached or @Invalidate methods but no generated key "
                + "builder"), err[0]);
    }

    private static int captureErr(String[] err, java.util.function.IntSupplier command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream original = System.err;
        System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            return command.getAsInt();
        } finally {
            System.setErr(original);
            err[0] = bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
