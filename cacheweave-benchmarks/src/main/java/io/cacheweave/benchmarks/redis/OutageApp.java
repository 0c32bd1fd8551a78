package io.cacheweave.benchmarks.redis;

import io.cacheweave.annotations.Cached;
import io.cacheweave.runtime.Cacheweave;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The application {@link RedisReturnBenchmark} runs under the agent with {@code REDIS_URL} set: it calls a cached
 * method with a new key every millisecond and tells, on standard output, what its calls did. {@code connected}: a
 * call has written to Redis. When a line {@code down} arrives on standard input (sent once Redis has been stopped) it
 * notes how many writes its operation has made and answers {@code noted}; then the first call whose write follows
 * prints {@code back <key>}, and the application calls on until it is ended.
 */
public final class OutageApp {
    private OutageApp() {
    }

    /** One cached method; its operation's shared-tier writes are what the application watches. */
    public static class Profiles {
        @Cached(operation = "outage-profile", ttl = 300)
        public String profile(String id) {
            return "profile of " + id;
        }
    }

    private static volatile boolean down;

    public static void main(String[] args) throws InterruptedException {
        Thread input = new Thread(OutageApp::readInput, "outage-input");
        input.setDaemon(true);
        input.start();
        Profiles profiles = new Profiles();
        String prefix = "outage-" + ProcessHandle.current().pid() + "-";
        boolean connected = false;
        long writesWhenDown = -1;
        boolean back = false;
        long deadline = System.nanoTime() + 120_000_000_000L;
        for (int i = 0; System.nanoTime() < deadline; i++) {
            String key = prefix + i;
            profiles.profile(key);
            long writes = writes();
            if (!connected && writes > 0) {
                connected = true;
                System.out.println("connected");
            }
            if (down && writesWhenDown < 0) {
                writesWhenDown = writes;
                System.out.println("noted");
            } else if (writesWhenDown >= 0 && writes > writesWhenDown && !back) {
                back = true;
                System.out.println("back " + key); // and calls on, until the benchmark ends the process
            }
            Thread.sleep(1);
        }
        if (!back) {
            System.out.println("never back");
        }
    }

    private static long writes() {
        return Cacheweave.stats("outage-profile").map(s -> s.sharedWrites()).orElse(0L);
    }

    private static void readInput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("down")) {
                    down = true;
                }
            }
        } catch (IOException e) {
            // the benchmark went away: the deadline ends the application
        }
    }
}
