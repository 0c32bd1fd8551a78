package io.cacheweave.runtime.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cacheweave.runtime.codec.CodecException;
import io.cacheweave.runtime.codec.JsonValueCodec;
import io.cacheweave.runtime.codec.StoredEnvelope;
import io.cacheweave.runtime.tier.StoredFiles;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The inspection command: lists what a shared tier holds and prints each entry decoded as JSON, from Redis or from a
 * file-tier directory, without running the application. It only reads ({@code SCAN}, {@code GET}, {@code PTTL};
 * files opened for reading, no lock taken): it never writes, deletes or repairs anything, and it says why for every
 * entry it cannot show.
 *
 * <pre>
 * java -cp &lt;the application's class path&gt; io.cacheweave.runtime.inspect.Inspect &lt;source&gt; [glob] [options]
 *   source   redis://host:6379[/db] (rediss://, redis-sentinel://), or a file tier's directory
 *   glob     over stored keys, &lt;namespace&gt;:v&lt;schema&gt;:&lt;logical key&gt;; default *
 *   --keys   list the keys only, one a line
 *   --limit N             stop after N entries (default 1000); said on standard error when reached
 *   --max-decoded-bytes N the largest JSON payload decoded (default 16777216)
 * </pre>
 *
 * <p>Each entry is one line of JSON on standard output: {@code key}, {@code ttlMillis} (what is left; {@code null}
 * for none), {@code storedBytes}, {@code rawBytes} (the JSON before compression), {@code compression} and
 * {@code value}; or, for an entry that cannot be shown, {@code key} and {@code error}. A summary goes to standard
 * error. Exit status: 0 when the source was read, 1 when it could not be, 2 for a usage mistake.
 */
public final class Inspect {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_LIMIT = 1000;

    private final PrintStream out;
    private final PrintStream err;
    private String source;
    private String glob = "*";
    private boolean keysOnly;
    private int limit = DEFAULT_LIMIT;
    private int maxDecodedBytes = JsonValueCodec.DEFAULT_MAX_DECODED_BYTES;
    private JsonValueCodec codec;
    private int shown;
    private int failed;

    private Inspect(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** @param args see the class comment */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * @param args see the class comment
     * @param out where entries go
     * @param err where the summary and problems go
     * @return the exit status: 0 read, 1 the source could not be read, 2 a usage mistake
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Inspect inspect = new Inspect(out, err);
        String usage = inspect.parse(args);
        if (usage != null) {
            err.println("inspect: " + usage);
            err.println("usage: Inspect <redis://host:port[/db] | file-tier directory> [glob] [--keys] [--limit N] "
                    + "[--max-decoded-bytes N]");
            return 2;
        }
        inspect.codec = JsonValueCodec.builder().maxDecodedBytes(inspect.maxDecodedBytes).build();
        return inspect.source.matches("(?i)rediss?://.*|redis-sentinel://.*") ? inspect.redis() : inspect.files();
    }

    /** @return what is wrong with the arguments, or {@code null} */
    private String parse(String[] args) {
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--keys" -> keysOnly = true;
                case "--limit", "--max-decoded-bytes" -> {
                    if (i + 1 == args.length || !args[i + 1].matches("[1-9][0-9]{0,8}")) {
                        return args[i] + " needs a whole number from 1 to 999999999 after it";
                    }
                    int n = Integer.parseInt(args[++i]);
                    if (args[i - 1].equals("--limit")) {
                        limit = n;
                    } else {
                        maxDecodedBytes = n;
                    }
                }
                default -> {
                    if (args[i].startsWith("--")) {
                        return "unknown option " + args[i] + "; the options are --keys, --limit N, "
                                + "--max-decoded-bytes N";
                    }
                    positional.add(args[i]);
                }
            }
        }
        if (positional.isEmpty() || positional.size() > 2) {
            return positional.isEmpty() ? "name a Redis URL or a file tier's directory"
                    : "too many arguments: " + positional + "; give a source and at most one glob";
        }
        source = positional.get(0);
        if (positional.size() == 2) {
            glob = positional.get(1);
        }
        return null;
    }

    private int redis() {
        RedisURI uri;
        try {
            uri = RedisURI.create(source);
        } catch (RuntimeException e) {
            err.println("inspect: the Redis URL is malformed (" + e.getMessage() + ")");
            return 2;
        }
        uri.setTimeout(Duration.ofSeconds(5));
        RedisClient client = RedisClient.create();
        try (StatefulRedisConnection<String, byte[]> c = client.connect(
                RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE), uri)) {
            RedisCommands<String, byte[]> redis = c.sync();
            if (redis.info("cluster").contains("cluster_enabled:1")) {
                err.println("inspect: " + redact(source) + " is a node of a Redis Cluster; only the keys of this node "
                        + "are listed: run the command once per master");
            }
            ScanArgs args = ScanArgs.Builder.matches(glob).limit(500);
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> batch = redis.scan(cursor, args);
                for (String key : batch.getKeys()) {
                    if (shown + failed == limit) {
                        return stopped();
                    }
                    entry(key, redis);
                }
                cursor = batch;
            } while (!cursor.isFinished());
            return summary();
        } catch (RuntimeException e) {
            err.println("inspect: cannot read " + redact(source) + ": " + e.getMessage());
            return 1;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private void entry(String key, RedisCommands<String, byte[]> redis) {
        if (keysOnly) {
            out.println(key);
            shown++;
            return;
        }
        byte[] value;
        try {
            value = redis.get(key);
        } catch (RuntimeException e) { // WRONGTYPE: a hash, list, ... is no Cacheweave entry
            error(key, "not a string value (" + redis.type(key) + "): not a Cacheweave entry");
            return;
        }
        Long pttl = redis.pttl(key);
        if (value == null || pttl == null || pttl == -2) {
            error(key, "expired or removed while listing");
            return;
        }
        print(key, pttl < 0 ? null : pttl, value);
    }

    private int files() {
        Path directory = Path.of(source);
        if (!Files.isDirectory(directory)) {
            err.println("inspect: " + source + " is neither a Redis URL (redis://host:port) nor a directory");
            return 1;
        }
        List<StoredFiles.StoredFile> stored;
        try {
            stored = StoredFiles.read(directory);
        } catch (IOException e) {
            err.println("inspect: cannot read " + source + ": " + e);
            return 1;
        }
        io.cacheweave.runtime.key.GlobPattern pattern;
        try {
            pattern = io.cacheweave.runtime.key.GlobPattern.compile(glob);
        } catch (IllegalArgumentException e) {
            err.println("inspect: the glob \"" + glob + "\" is malformed: " + e.getMessage());
            return 2;
        }
        long now = System.currentTimeMillis();
        for (StoredFiles.StoredFile f : stored) {
            if (f.key() != null && !pattern.matches(f.key())) {
                continue;
            }
            if (shown + failed == limit) {
                return stopped();
            }
            if (f.problem() != null) {
                error(f.key() == null ? f.file().toString() : f.key(), f.problem() + " (" + f.file() + ")");
            } else if (f.expiresAtMillis() <= now) {
                error(f.key(), "expired " + (now - f.expiresAtMillis()) + " ms ago; the tier removes it on its next "
                        + "clean-up");
            } else if (keysOnly) {
                out.println(f.key());
                shown++;
            } else {
                print(f.key(), f.expiresAtMillis() == Long.MAX_VALUE ? null : f.expiresAtMillis() - now, f.value());
            }
        }
        return summary();
    }

    private void print(String key, Long ttlMillis, byte[] value) {
        ObjectNode line = JSON.createObjectNode().put("key", key);
        line.set("ttlMillis", ttlMillis == null ? line.nullNode() : line.numberNode(ttlMillis));
        line.put("storedBytes", value.length);
        if (StoredEnvelope.isAbsentResult(value)) {
            line.put("absentResult", true).putNull("value");
            out.println(line);
            shown++;
            return;
        }
        try {
            StoredEnvelope envelope = StoredEnvelope.read(value);
            line.put("rawBytes", envelope.rawBytes()).put("compression", envelope.compression().toString());
            line.set("value", JSON.valueToTree(codec.decode(value, Object.class)));
        } catch (CodecException e) {
            line.put("error", "cannot be decoded (" + e.reason() + "): " + e.getMessage());
            out.println(line);
            failed++;
            return;
        }
        out.println(line);
        shown++;
    }

    private void error(String key, String why) {
        out.println(JSON.createObjectNode().put("key", key).put("error", why));
        failed++;
    }

    private int stopped() {
        err.println("inspect: stopped after " + limit + " entries; pass --limit with a larger number for more");
        return summary();
    }

    private int summary() {
        err.println("inspect: " + shown + " entries shown, " + failed + " could not be (see their \"error\")");
        return 0;
    }

    private static String redact(String url) {
        return url.replaceAll("(://[^:@/]*:)[^@/]*@", "$1***@").replaceAll("(://)([^:@/]+)@", "$1***@");
    }
}
