package io.cacheweave.runtime.faces;

import io.cacheweave.runtime.Cache;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.key.KeyWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Builds hierarchical keys, {@code service:entity:identifier:qualifier}, and glob patterns over them, for a
 * {@code Cache<String, V>}. Immutable and thread-safe.
 *
 * <pre>{@code
 * HierarchicalKeys keys = HierarchicalKeys.create(runtime.settings());
 * String key = keys.key("prompt", "analysis", promptHash, userId);      // prompt:analysis:9f2c...:user123
 * cache.put(key, result, ttls.ttl("prompt-analysis"));
 * cache.invalidatePattern(keys.pattern().part("prompt").part("analysis").anyPart().part(userId).build(), "logout");
 * }</pre>
 *
 * <h2>Parts</h2>
 * Each part is rendered exactly like a part of a generated key ({@link KeyWriter}): text escaped (each of
 * {@code \ : * ? [ ] ( ) , =} preceded by {@code \}), numbers in decimal, collections and maps canonically, and text
 * longer than {@code cacheweave.key.hash-threshold} characters replaced by {@code \#} and its SHA-256. So a part
 * {@code "a:b"} renders {@code a\:b}: {@code key("a:b", "c")} and {@code key("a", "b:c")} never collide, and an
 * identifier such as {@code "*"} can never widen a pattern. A {@code null} or empty part is skipped, as the key
 * builders of the systems this replaces do ({@code key("prompt", "", "x")} is {@code prompt:x}); a key with no part
 * left is refused.
 *
 * <h2>In the cache</h2>
 * The cache renders a {@code String} key once more, as one escaped key part, so {@code prompt:analysis:x} is stored
 * under the logical key {@code <cache>:prompt\:analysis\:x}. {@link #pattern()} accounts for that: its patterns are
 * ready for {@link Cache#invalidatePattern(String, String)}. A whole key longer than the hash threshold is stored
 * under its hash by the cache; reads and writes still work, but no pattern reaches it, so keep long text (a prompt)
 * to one part, where it is hashed on its own.
 */
public final class HierarchicalKeys {

    /** The separator between parts. */
    public static final char SEPARATOR = ':';

    private final int hashThreshold;

    private HierarchicalKeys(int hashThreshold) {
        if (hashThreshold <= 0) {
            throw new IllegalArgumentException("hash threshold must be positive: " + hashThreshold);
        }
        this.hashThreshold = hashThreshold;
    }

    /**
     * @param settings the runtime's settings, for {@code cacheweave.key.hash-threshold}
     * @return keys rendered with the runtime's rules
     */
    public static HierarchicalKeys create(Settings settings) {
        return new HierarchicalKeys(Objects.requireNonNull(settings, "settings must not be null")
                .core().keyHashThreshold());
    }

    /**
     * @param service the service, such as {@code prompt}
     * @param entity the entity, such as {@code analysis}
     * @param identifier the identifier, such as a hash or a user id
     * @param qualifier the qualifier, such as a version or a variant
     * @return {@code service:entity:identifier:qualifier}, each part escaped; a {@code null} or empty part skipped
     * @throws IllegalArgumentException if every part is {@code null} or empty
     */
    public String key(Object service, Object entity, Object identifier, Object qualifier) {
        return key(new Object[] {service, entity, identifier, qualifier});
    }

    /**
     * @param parts one or more parts, in order from the most general
     * @return the parts, each escaped, joined by {@code :}; {@code null} and empty parts skipped
     * @throws IllegalArgumentException if there is no part, or every part is {@code null} or empty
     */
    public String key(Object... parts) {
        if (parts == null || parts.length == 0) {
            throw new IllegalArgumentException("parts must not be empty: a key has at least one part");
        }
        StringBuilder out = new StringBuilder(64);
        for (Object part : parts) {
            String rendered = render(part);
            if (rendered != null) {
                out.append(out.isEmpty() ? "" : String.valueOf(SEPARATOR)).append(rendered);
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("a key needs at least one part that is not null or empty: "
                    + java.util.Arrays.toString(parts));
        }
        return out.toString();
    }

    /**
     * @param parts the leading parts
     * @return a pattern matching every key that starts with these parts and has more after them
     * @throws IllegalArgumentException if there is no part; {@code null} and empty parts are skipped, as in keys
     */
    public String prefixPattern(Object... parts) {
        if (parts == null || parts.length == 0) {
            throw new IllegalArgumentException("parts must not be empty: a prefix has at least one part");
        }
        PatternBuilder b = pattern();
        for (Object part : parts) {
            b.part(part);
        }
        return b.anyRest().build();
    }

    /** @return a builder of a pattern for {@link Cache#invalidatePattern(String, String)} */
    public PatternBuilder pattern() {
        return new PatternBuilder();
    }

    /** @return the part rendered, or {@code null} for a {@code null} or empty part (skipped) */
    private String render(Object part) {
        if (part == null) {
            return null;
        }
        String rendered = KeyWriter.forKey(hashThreshold).value(part).toString();
        return rendered.isEmpty() ? null : rendered;
    }

    /**
     * A pattern over hierarchical keys, part by part. Literal parts are escaped twice, as the cache stores them, so
     * no part can widen the pattern. As in {@code @Invalidate} patterns, a wildcard matches any run of characters,
     * across separators too: {@code anyPart()} between {@code a} and {@code d} also matches {@code a:b:c:d}.
     */
    public final class PatternBuilder {
        private final List<Object> parts = new ArrayList<>();
        private boolean rest;

        private PatternBuilder() {
        }

        /** @param part a literal part; skipped when {@code null} or empty, as in keys @return this builder */
        public PatternBuilder part(Object part) {
            checkOpen();
            String rendered = render(part);
            if (rendered != null) {
                parts.add(rendered);
            }
            return this;
        }

        /** Any one part (any text, see the class comment). @return this builder */
        public PatternBuilder anyPart() {
            checkOpen();
            parts.add(Wildcard.INSTANCE);
            return this;
        }

        /** Any further parts, at least one; nothing may follow. @return this builder */
        public PatternBuilder anyRest() {
            checkOpen();
            if (parts.isEmpty()) {
                throw new IllegalStateException("anyRest() needs a part before it; for every key use \"*\"");
            }
            rest = true;
            return this;
        }

        /** @return the pattern, over keys as the cache renders them, without the cache's name */
        public String build() {
            if (parts.isEmpty()) {
                throw new IllegalStateException("a pattern needs at least one part or anyPart()");
            }
            // The cache escapes the whole key as one value: render the literal runs through a pattern writer that
            // never hashes (the runs are fragments of a key), and put the wildcards between them.
            KeyWriter out = KeyWriter.forPattern(Integer.MAX_VALUE);
            StringBuilder run = new StringBuilder();
            for (int i = 0; i < parts.size(); i++) {
                if (i > 0) {
                    run.append(SEPARATOR);
                }
                Object part = parts.get(i);
                if (part == Wildcard.INSTANCE) {
                    out.raw(KeyWriter.forKey(Integer.MAX_VALUE).value(run).toString()).literal("*");
                    run.setLength(0);
                } else {
                    run.append((String) part);
                }
            }
            if (rest) {
                run.append(SEPARATOR);
            }
            out.raw(KeyWriter.forKey(Integer.MAX_VALUE).value(run).toString());
            return rest ? out.literal("*").toString() : out.toString();
        }

        private void checkOpen() {
            if (rest) {
                throw new IllegalStateException("nothing may follow anyRest()");
            }
        }
    }

    private enum Wildcard {
        INSTANCE
    }
}
