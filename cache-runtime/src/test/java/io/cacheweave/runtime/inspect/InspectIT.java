package io.cacheweave.runtime.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cacheweave.runtime.Cache;
import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seed 004's operators open the cache's JSON files to see what is cached. {@link Inspect} shows the same for
 * Cacheweave's binary entries, from a real {@code redis-server} and from a file-tier directory, and writes nothing.
 */
class InspectIT {
    /** The runtimes' INFO lines and the warnings of the failures provoked, asserted on where they matter. */
    @RegisterExtension
    static final LogCapture logs = new LogCapture();

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The value type of the entries, as an application declares it. */
    record Video(String format, int duration, String resolution) {
    }

    /** What one run printed. */
    record Run(int status, List<JsonNode> entries, List<String> lines, String err) {
        Map<String, JsonNode> byKey() {
            Map<String, JsonNode> m = new TreeMap<>();
            entries.forEach(e -> m.put(e.get("key").asText(), e));
            return m;
        }
    }

    private static Run inspect(String... args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Inspect.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        List<JsonNode> entries = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("{")) {
                entries.add(JSON.readTree(line));
            }
        }
        return new Run(status, entries, lines, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void redis_entriesDecodedAsJson_badEntriesExplained_nothingWritten() throws Exception {
        try (RedisServer redis = RedisServers.local()) {
            Settings settings = Settings.builder().redis(r -> r.url(redis.url()))
                    .core(c -> c.namespace(redis.namespace())).build();
            try (CacheRuntime runtime = CacheRuntime.builder().settings(settings).build()) {
                Cache<String, Video> videos = runtime.cache("videos", Video.class);
                videos.put("video:1", new Video("MP4", 120, "1920x1080"), Duration.ofMinutes(10));
                videos.put("video:long", new Video("x".repeat(5000), 1, "r"), Duration.ofMinutes(10));
            }
            String ns = redis.namespace();
            redis.call("SET", ns + ":v1:videos:garbage", "not an envelope");
            redis.call("HSET", ns + ":hash", "f", "v");
            String before = (String) redis.call("INFO", "commandstats");

            Run run = inspect(redis.url(), ns + ":*");
            assertEquals(0, run.status(), run.err());
            Map<String, JsonNode> byKey = run.byKey();
            JsonNode video = byKey.get(ns + ":v1:videos:video\\:1");
            assertEquals(JSON.readTree("{\"format\":\"MP4\",\"duration\":120,\"resolution\":\"1920x1080\"}"),
                    video.get("value"));
            assertTrue(video.get("ttlMillis").asLong() > 590_000, video.toString());
            assertEquals("none", video.get("compression").asText());
            assertEquals(video.get("storedBytes").asInt() - 12, video.get("rawBytes").asInt());
            JsonNode large = byKey.get(ns + ":v1:videos:video\\:long");
            assertEquals("zstd", large.get("compression").asText());
            assertTrue(large.get("rawBytes").asInt() > 5000 && large.get("storedBytes").asInt() < 1000,
                    large.toString());
            assertTrue(byKey.get(ns + ":v1:videos:garbage").get("error").asText()
                    .startsWith("cannot be decoded (VERSION): not an encoded value: no envelope"), byKey.toString());
            assertEquals("not a string value (hash): not a Cacheweave entry", byKey.get(ns + ":hash").get("error")
                    .asText());
            assertEquals("inspect: 2 entries shown, 2 could not be (see their \"error\")", run.err().strip());

            assertEquals(before.lines().filter(l -> l.matches("cmdstat_(set|del|unlink|hset|expire|pexpire).*"))
                    .toList(), ((String) redis.call("INFO", "commandstats")).lines()
                    .filter(l -> l.matches("cmdstat_(set|del|unlink|hset|expire|pexpire).*")).toList(),
                    "the command wrote nothing");

            Run keys = inspect(redis.url(), ns + ":v1:videos:*", "--keys", "--limit", "2");
            assertEquals(2, keys.lines().size(), keys.lines().toString());
            assertTrue(keys.err().contains("stopped after 2 entries; pass --limit"), keys.err());
        }
    }

    /**
     * Entries of an invalidated generation, and entries whose tag was invalidated, stay in Redis until their TTL but
     * are never read again: the command shows each entry's logical key and generation and whether it is live,
     * matches the glob against the key users know (without the generation), and lists the counters.
     */
    @Test
    void redis_generationsAndTags_liveOrInvalidated_globOverTheKeysUsersKnow() throws Exception {
        try (RedisServer redis = RedisServers.local()) {
            String ns = redis.namespace();
            Settings settings = redis.settings().build();
            try (CacheRuntime runtime = CacheRuntime.builder().settings(settings).build()) {
                Cache<String, Video> videos = runtime.cache("videos", Video.class);
                videos.put("old", new Video("MP4", 1, "r"), Duration.ofMinutes(10));
                runtime.invalidateOperation("videos");
                videos.put("new", new Video("MP4", 2, "r"), Duration.ofMinutes(10));
                videos.put("tagged", new Video("MP4", 3, "r"), Duration.ofMinutes(10), List.of("user:1", "team:7"));
                videos.put("untouched", new Video("MP4", 4, "r"), Duration.ofMinutes(10), List.of("team:7"));
                runtime.invalidateTag("user:1");
            }
            long generation = Long.parseLong((String) redis.call("GET", ns + ":gen:v1:op:videos"));
            long tagGeneration = Long.parseLong((String) redis.call("GET", ns + ":gen:v1:tag:user:1"));
            assertTrue(generation > 0 && tagGeneration > 0, generation + " " + tagGeneration);
            String current = ns + ":v1:videos\\g" + generation + ":";
            redis.call("SET", ns + ":gen:v1:op:broken", "not a number");
            redis.call("SET", ns + ":v1:broken:k", "not an envelope");
            String before = (String) redis.call("INFO", "commandstats");

            Run unknown = inspect(redis.url(), ns + ":v1:broken:*");
            JsonNode broken = unknown.byKey().get(ns + ":v1:broken:k");
            assertTrue(broken.get("live").isNull(), broken.toString());
            assertEquals("the counter " + ns + ":gen:v1:op:broken cannot be read here (on a node of a Redis Cluster it "
                    + "may be on another master)", broken.get("liveUnknown").asText());

            Run run = inspect(redis.url(), ns + ":v1:videos:*");
            assertEquals(0, run.status(), run.err());
            Map<String, JsonNode> byKey = run.byKey();
            assertEquals(java.util.Set.of(ns + ":v1:videos:old", current + "new", current + "tagged",
                    current + "untouched"), byKey.keySet(), run.lines().toString());

            JsonNode old = byKey.get(ns + ":v1:videos:old");
            assertEquals("videos:old", old.get("logicalKey").asText());
            assertEquals(0, old.get("generation").asLong());
            assertEquals(false, old.get("live").asBoolean());
            assertEquals("operation videos (the entry is of generation 0, the operation's is " + generation + ")",
                    old.get("invalidated").asText());
            assertEquals(1, old.get("value").get("duration").asInt(), "a dead entry is still shown");

            JsonNode live = byKey.get(current + "new");
            assertEquals("videos:new", live.get("logicalKey").asText());
            assertEquals(generation, live.get("generation").asLong());
            assertTrue(live.get("live").asBoolean(), live.toString());
            assertTrue(!live.has("invalidated") && !live.has("tags"), live.toString());
            assertEquals(2, live.get("value").get("duration").asInt());

            JsonNode tagged = byKey.get(current + "tagged");
            assertEquals(false, tagged.get("live").asBoolean());
            assertEquals(JSON.readTree("[\"user:1\",\"team:7\"]"), tagged.get("tags"));
            assertTrue(tagged.get("invalidated").asText()
                    .startsWith("tag user:1 (the entry was written at generation "), tagged.toString());
            assertTrue(tagged.get("invalidated").asText().endsWith(", the tag's is " + tagGeneration + ")"),
                    tagged.toString());
            assertEquals(3, tagged.get("value").get("duration").asInt(), "the value after the tags, decoded");

            JsonNode untouched = byKey.get(current + "untouched");
            assertTrue(untouched.get("live").asBoolean(), untouched.toString());
            assertEquals(JSON.readTree("[\"team:7\"]"), untouched.get("tags"));
            assertTrue(untouched.get("storedBytes").asInt() > untouched.get("rawBytes").asInt() + 12,
                    "stored: the tags, the envelope, the JSON: " + untouched);
            assertEquals("inspect: 4 entries shown, 0 could not be (see their \"error\"); 2 of those shown are of an "
                    + "invalidated generation or tag (\"live\": false): never read again, in Redis until their TTL",
                    run.err().strip());

            Run liveOnly = inspect(redis.url(), ns + ":v1:videos:*", "--live", "--keys");
            assertEquals(java.util.Set.of(current + "new", current + "untouched"),
                    new java.util.HashSet<>(liveOnly.lines()), liveOnly.lines().toString());

            Run exact = inspect(redis.url(), ns + ":v1:videos:n?w");
            assertEquals(List.of(current + "new"), exact.entries().stream().map(e -> e.get("key").asText()).toList(),
                    exact.lines().toString());

            Run counters = inspect(redis.url(), ns + ":gen:*");
            Map<String, JsonNode> byCounter = counters.byKey();
            // team:7 was never invalidated (no counter); "broken" was set by hand above
            assertEquals(3, byCounter.size(), counters.lines().toString());
            assertEquals("not a generation counter (string): not a Cacheweave counter",
                    byCounter.get(ns + ":gen:v1:op:broken").get("error").asText());
            JsonNode op = byCounter.get(ns + ":gen:v1:op:videos");
            assertEquals("operation", op.get("counter").asText());
            assertEquals("videos", op.get("name").asText());
            assertEquals(generation, op.get("generation").asLong());
            JsonNode tag = byCounter.get(ns + ":gen:v1:tag:user:1");
            assertEquals("tag", tag.get("counter").asText());
            assertEquals("user:1", tag.get("name").asText());
            assertEquals(tagGeneration, tag.get("generation").asLong());

            assertEquals(before.lines().filter(l -> l.matches("cmdstat_(set|del|unlink|incr|incrby|eval|evalsha|"
                    + "expire|pexpire).*")).toList(), ((String) redis.call("INFO", "commandstats")).lines()
                    .filter(l -> l.matches("cmdstat_(set|del|unlink|incr|incrby|eval|evalsha|expire|pexpire).*"))
                    .toList(), "the command wrote nothing");
        }
    }

    @Test
    void fileTier_entriesDecodedAsJson_tornFileExplained_nothingDeleted(@TempDir Path dir) throws Exception {
        Settings settings = Settings.builder().file(f -> f.directory(dir.toString())).build();
        try (CacheRuntime runtime = CacheRuntime.builder().settings(settings).build()) {
            Cache<String, Video> videos = runtime.cache("videos", Video.class);
            videos.put("video_metadata", new Video("MP4", 120, "1920x1080"), Duration.ofHours(1));
            videos.put("other", new Video("AVI", 3, "640x480"), Duration.ofHours(1));

            // while the application holds the directory: a read-only look needs no lock
            Run run = inspect(dir.toString());
            assertEquals(0, run.status(), run.err());
            assertEquals(2, run.entries().size(), run.lines().toString());
            JsonNode entry = run.byKey().get("cacheweave:v1:videos:video_metadata");
            assertEquals("MP4", entry.get("value").get("format").asText());
            assertTrue(entry.get("ttlMillis").asLong() > 3_500_000);
        }
        Path torn;
        try (Stream<Path> files = Files.walk(dir)) {
            torn = files.filter(p -> p.getFileName().toString().length() == 64).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(torn);
        Files.write(torn, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        long filesBefore;
        try (Stream<Path> files = Files.walk(dir)) {
            filesBefore = files.count();
        }

        Run run = inspect(dir.toString(), "cacheweave:v1:videos:*");
        assertEquals(0, run.status(), run.err());
        assertEquals(1, run.entries().stream().filter(e -> e.has("value")).count(), run.lines().toString());
        JsonNode bad = run.entries().stream().filter(e -> e.has("error")).findFirst().orElseThrow();
        assertTrue(bad.get("error").asText().startsWith("torn, truncated or corrupt"), bad.toString());
        try (Stream<Path> files = Files.walk(dir)) {
            assertEquals(filesBefore, files.count(), "nothing deleted");
        }
    }

    @Test
    void clusterNode_saysThatOnlyItsKeysAreListed() throws Exception {
        try (io.cacheweave.runtime.testing.RedisCluster cluster = RedisServers.cluster(1)) {
            RedisServer node = cluster.nodes().get(0);
            node.call("SET", cluster.key("x"), "not an envelope");
            Run run = inspect(node.url(), cluster.namespace() + ":*", "--keys");
            assertEquals(0, run.status(), run.err());
            assertEquals(List.of(cluster.key("x")), run.lines());
            assertTrue(run.err().contains("is a node of a Redis Cluster; only the keys of this node are listed: run "
                    + "the command once per master"), run.err());
        }
    }

    @Test
    void usageMistakes_saidWithWhatToWrite() throws Exception {
        Run none = inspect();
        assertEquals(2, none.status());
        assertTrue(none.err().startsWith("inspect: name a Redis URL or a file tier's directory\nusage: Inspect"),
                none.err());
        Run option = inspect("redis://127.0.0.1:1", "--limt", "3");
        assertEquals(2, option.status());
        assertTrue(option.err().startsWith(
                "inspect: unknown option --limt; the options are --keys, --live, --limit N"),
                option.err());
        Run missing = inspect("/no/such/directory");
        assertEquals(1, missing.status());
        assertEquals("inspect: /no/such/directory is neither a Redis URL (redis://host:port) nor a directory",
                missing.err().strip());
    }
}
