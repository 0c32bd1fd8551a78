package io.cacheweave.runtime.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cacheweave.runtime.codec.CodecException;
import io.cacheweave.runtime.codec.JsonValueCodec;
import io.cacheweave.runtime.codec.StoredEnvelope;
import io.cacheweave.runtime.internal.TagHeader;
import io.cacheweave.runtime.key.GlobPattern;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The inspection command: lists what a shared tier holds and prints each entry decoded as JSON, from Redis or from a
 * file-tier directory, without running the application. It only reads ({@code SCAN}, {@code GET}, {@code PTTL};
 * files opened for reading, no lock taken): it never writes, deletes or repairs anything, and it says why for every
 * entry it cannot show.
 *
 * <pre>
 * java -cp &lt;the application's class path&gt; io.cacheweave.runtime.inspect.Inspect &lt;source&gt; [glob] [options]
 *   source   redis://host:6379[/db] (rediss://, redis-sentinel://), or a file tier's directory
 *   glob     over &lt;namespace&gt;:v&lt;schema&gt;:&lt;logical key&gt; (the generation left out); default *
 *   --keys   list the keys only, one a line
 *   --live   leave out the entries of invalidated generations and tags
 *   --limit N             stop after N entries (default 1000); said on standard error when reached
 *   --max-decoded-bytes N the largest JSON payload decoded (default 16777216)
 * </pre>
 *
 * <p>Each entry is one line of JSON on standard output: {@code key} (as stored), {@code logicalKey}
 * ({@code operation:key}, without the generation), {@code generation} and {@code live} (Redis: whether the entry
 * is of its operation's current generation and every tag of it has the generation it was written with; when not,
 * {@code invalidated} says which moved; {@code null} with {@code liveUnknown} when a counter cannot be read),
 * {@code tags} (when it carries some), {@code ttlMillis} (what is left; {@code null} for none), {@code storedBytes},
 * {@code rawBytes} (the JSON before compression), {@code compression} and {@code value}; or, for an entry that
 * cannot be shown, {@code key} and {@code error}. A generation counter
 * ({@code <namespace>:gen:v<schema>:op:<operation>} or {@code ...:tag:<tag>}) is a line with {@code key},
 * {@code counter} ({@code operation} or {@code tag}), {@code name} and {@code generation}. A summary goes to
 * standard error. Exit status: 0 when the source was read, 1 when it could not be, 2 for a usage mistake.
 *
 * <p>Keys of an operation invalidated by generation carry it after the operation ({@code videos\g3:video\:1}, see
 * the runtime's {@code Generations}); the glob is matched against the key without it, the key users know, so
 * {@code cacheweave:v1:videos:*} lists the entries of every generation of {@code videos}, each saying whether it
 * is live. Entries of older generations and of invalidated tags are never read by the runtime again and stay in
 * Redis until their TTL.
 */
public final class Inspect {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_LIMIT = 1000;
    /** A generation counter: namespace, schema, {@code op} or {@code tag}, the name. */
    private static final Pattern COUNTER = Pattern.compile("(.+):gen:v([0-9]+):(op|tag):(.+)", Pattern.DOTALL);
    /**
     * An entry: namespace, schema, operation (never a {@code :} or {@code \}), its generation when not 0, and
     * {@code :} and the rest of the key.
     */
    private static final Pattern ENTRY = Pattern.compile("(.+?):v([0-9]+):([^:\\\\]+)(?:\\\\g([0-9]+))?(:.*)",
            Pattern.DOTALL);
    /** Where a literal glob prefix names its operation whole: namespace, schema, operation, then {@code :}. */
    private static final Pattern OPERATION_NAMED = Pattern.compile("(.+?:v[0-9]+:[^:\\\\]+):.*", Pattern.DOTALL);

    private final PrintStream out;
    private final PrintStream err;
    private String source;
    private String glob = "*";
    private boolean keysOnly;
    private boolean liveOnly;
    private GlobPattern pattern;
    /** Generation counters read in this run, by key; absent from Redis is 0. */
    private final Map<String, Long> generations = new HashMap<>();
    private int dead;
    /** A counter {@link #invalidated} could not read for the entry at hand, or null. */
    private String unreadCounter;
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
            err.println("usage: Inspect <redis://host:port[/db] | file-tier directory> [glob] [--keys] [--live] "
                    + "[--limit N] [--max-decoded-bytes N]");
            return 2;
        }
        try {
            inspect.pattern = GlobPattern.compile(inspect.glob);
        } catch (IllegalArgumentException e) {
            err.println("inspect: the glob \"" + inspect.glob + "\" is malformed: " + e.getMessage());
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
                case "--live" -> liveOnly = true;
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
                        return "unknown option " + args[i] + "; the options are --keys, --live, --limit N, "
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
            ScanArgs args = ScanArgs.Builder.matches(scanGlob(pattern)).limit(500);
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> batch = redis.scan(cursor, args);
                for (String key : batch.getKeys()) {
                    StoredKey stored = StoredKey.parse(key);
                    if (!pattern.matches(stored.userKey())) {
                        continue;
                    }
                    if (shown + failed == limit) {
                        return stopped();
                    }
                    entry(stored, redis);
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

    /**
     * The glob Redis filters with ({@code SCAN MATCH}): one that matches at least the stored keys of every generation
     * whose key without the generation the pattern matches. The pattern's literal prefix, cut before the {@code :}
     * that ends the operation when it names one whole (the generation comes there), then {@code *}.
     */
    static String scanGlob(GlobPattern pattern) {
        String prefix = pattern.literalPrefix();
        Matcher named = OPERATION_NAMED.matcher(prefix);
        if (named.matches()) {
            prefix = named.group(1);
        }
        return prefix.replaceAll("[\\\\*?\\[\\]]", "\\\\$0") + "*";
    }

    /**
     * A key as Redis holds it, and what it is: a generation counter, an entry (of an operation, with its
     * generation), or neither.
     *
     * @param key the key as stored
     * @param counterKind {@code op} or {@code tag} for a generation counter, else null
     * @param name the operation or tag a counter counts; the operation of an entry
     * @param prefix {@code <namespace>:gen:v<schema>:} of the counters of this key's namespace and schema, or null
     * @param logicalKey an entry's {@code operation:key}, without the generation
     * @param generation an entry's generation (0: none in the key)
     * @param userKey the key without the generation: what the glob matches
     */
    private record StoredKey(String key, String counterKind, String name, String prefix, String logicalKey,
            long generation, String userKey) {
        static StoredKey parse(String key) {
            Matcher c = COUNTER.matcher(key);
            if (c.matches()) {
                return new StoredKey(key, c.group(3), c.group(4), null, null, 0, key);
            }
            Matcher e = ENTRY.matcher(key);
            if (!e.matches()) {
                return new StoredKey(key, null, null, null, null, 0, key);
            }
            String logical = e.group(3) + e.group(5);
            String start = e.group(1) + ":v" + e.group(2) + ":";
            return new StoredKey(key, null, e.group(3), e.group(1) + ":gen:v" + e.group(2) + ":", logical,
                    e.group(4) == null ? 0 : Long.parseLong(e.group(4)), start + logical);
        }
    }

    /** @return the counter's value ({@code 0} when absent, as the runtime reads it), or null when it is no counter */
    private Long counter(String counterKey, RedisCommands<String, byte[]> redis) {
        if (generations.containsKey(counterKey)) {
            return generations.get(counterKey);
        }
        Long value;
        try {
            byte[] bytes = redis.get(counterKey);
            value = bytes == null ? 0L : Long.parseLong(new String(bytes, java.nio.charset.StandardCharsets.US_ASCII));
        } catch (RuntimeException e) { // not a string, or not a number: not a counter of ours
            value = null;
        }
        generations.put(counterKey, value);
        return value;
    }

    private void entry(StoredKey stored, RedisCommands<String, byte[]> redis) {
        String key = stored.key();
        if (keysOnly && !liveOnly) {
            out.println(key);
            shown++;
            return;
        }
        if (stored.counterKind() != null) {
            if (liveOnly) {
                return; // not an entry
            }
            Long generation = counter(key, redis);
            if (generation == null) {
                error(key, "not a generation counter (" + redis.type(key) + "): not a Cacheweave counter");
                return;
            }
            out.println(JSON.createObjectNode().put("key", key).put("counter", stored.counterKind().equals("op")
                    ? "operation" : "tag").put("name", stored.name()).put("generation", generation));
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
        ObjectNode line = JSON.createObjectNode().put("key", key);
        if (stored.logicalKey() != null) {
            line.put("logicalKey", stored.logicalKey()).put("generation", stored.generation());
            unreadCounter = null;
            String invalidated = invalidated(stored, value, redis);
            if (invalidated != null && liveOnly) {
                return;
            }
            if (invalidated == null && unreadCounter != null) {
                line.putNull("live").put("liveUnknown", "the counter " + unreadCounter + " cannot be read here "
                        + "(on a node of a Redis Cluster it may be on another master)");
            } else {
                line.put("live", invalidated == null);
            }
            if (invalidated != null) {
                line.put("invalidated", invalidated);
                dead++;
            }
        }
        if (keysOnly) {
            out.println(key);
            shown++;
            return;
        }
        print(line, pttl < 0 ? null : pttl, value);
    }

    /**
     * @return what was invalidated since the entry was written (its operation's generation or one of its tags), as
     *     the runtime would find it, or {@code null} when the entry is live
     */
    private String invalidated(StoredKey stored, byte[] value, RedisCommands<String, byte[]> redis) {
        String operationCounter = stored.prefix() + "op:" + stored.name();
        Long current = counter(operationCounter, redis);
        if (current == null) {
            unreadCounter = operationCounter;
        } else if (current != stored.generation()) {
            return "operation " + stored.name() + " (the entry is of generation " + stored.generation()
                    + ", the operation's is " + current + ")";
        }
        if (TagHeader.isTagged(value)) {
            TagHeader.Header header;
            try {
                header = TagHeader.read(value);
            } catch (IllegalArgumentException e) {
                return null; // the value cannot be shown either; print says why
            }
            for (int i = 0; i < header.tags().length; i++) {
                String tagCounter = stored.prefix() + "tag:" + header.tags()[i];
                Long tag = counter(tagCounter, redis);
                if (tag == null) {
                    unreadCounter = tagCounter;
                } else if (tag != header.generations()[i]) {
                    return "tag " + header.tags()[i] + " (the entry was written at generation "
                            + header.generations()[i] + ", the tag's is " + tag + ")";
                }
            }
        }
        return null;
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
                print(JSON.createObjectNode().put("key", f.key()), f.expiresAtMillis() == Long.MAX_VALUE ? null
                        : f.expiresAtMillis() - now, f.value());
            }
        }
        return summary();
    }

    private void print(ObjectNode line, Long ttlMillis, byte[] value) {
        int storedBytes = value.length;
        if (TagHeader.isTagged(value)) {
            try {
                TagHeader.Header header = TagHeader.read(value);
                line.set("tags", JSON.valueToTree(header.tags()));
                value = header.value();
            } catch (IllegalArgumentException e) {
                line.put("storedBytes", value.length).put("error", "cannot be decoded (TAGS): " + e.getMessage());
                out.println(line);
                failed++;
                return;
            }
        }
        line.set("ttlMillis", ttlMillis == null ? line.nullNode() : line.numberNode(ttlMillis));
        line.put("storedBytes", storedBytes);
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
        err.println("inspect: " + shown + " entries shown, " + failed + " could not be (see their \"error\")"
                + (dead == 0 ? "" : "; " + dead + " of those shown " + (dead == 1 ? "is" : "are") + " of an "
                + "invalidated generation or tag (\"live\": false): never read again, in Redis until their TTL"));
        return 0;
    }

    private static String redact(String url) {
        return url.replaceAll("(://[^:@/]*:)[^@/]*@", "$1***@").replaceAll("(://)([^:@/]+)@", "$1***@");
    }
}
