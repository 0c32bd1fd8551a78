package io.cacheweave.agent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The methods to weave, as listed by the annotation processor in {@code META-INF/cacheweave/index} beside the
 * classes it compiled. A class's entries are looked up first in the index of its own code source (its jar or
 * classes directory: one small read, however long the class path), then, if that does not list it, in every index
 * its class loader sees (a walk over the whole class path, which opens every jar on it). Format, one method per line ({@code #} starts a comment):
 * <pre>
 * &lt;kind&gt; &lt;class&gt; &lt;method&gt; &lt;descriptor&gt; &lt;holder class&gt; &lt;holder field&gt;
 * </pre>
 * with the kind {@code cached}, {@code cached-refresh}, {@code invalidate}, {@code invalidate-before} or {@code invalidate-both}.
 * Class names are binary names; the holder field is the generated key builder's {@code public static final} field
 * that the advice reads.
 */
final class WeaveIndex {
    static final String RESOURCE = "META-INF/cacheweave/index";

    private static final WeaveIndex EMPTY = new WeaveIndex(Map.of());
    /**
     * The indexes read so far, per class loader: each code source's by its location, and every index the loader sees
     * under {@link #CLASS_PATH}; empty where there is none. Per loader, so that a redeployed application reads its
     * code sources again (they may have changed at the same location) and a dropped loader takes its indexes along.
     */
    private static final Map<ClassLoader, Map<String, WeaveIndex>> BY_LOADER =
            Collections.synchronizedMap(new WeakHashMap<>());
    /** The key of the index of the loader's whole class path (no code source's location is empty). */
    private static final String CLASS_PATH = "";

    /**
     * One woven method. A plain class, not a record: a record's {@code equals}, {@code hashCode} and {@code toString}
     * are bootstrapped through {@code java.lang.runtime.ObjectMethods}, and the first of those calls in a JVM spins
     * about 90 method-handle classes; the index is read by the thread that loads the first annotated class, usually
     * the application's main thread.
     */
    static final class Entry {
        private final Kind kind;
        private final String className;
        private final String methodName;
        private final String descriptor;
        private final String holderClass;
        private final String holderField;
        /** The entry as its index line, made once: what equality, hashing and the weave cache's key read. */
        private final String line;

        Entry(Kind kind, String className, String methodName, String descriptor, String holderClass,
                String holderField) {
            this.kind = kind;
            this.className = className;
            this.methodName = methodName;
            this.descriptor = descriptor;
            this.holderClass = holderClass;
            this.holderField = holderField;
            this.line = kind.name() + ' ' + className + ' ' + methodName + ' ' + descriptor + ' ' + holderClass + ' '
                    + holderField;
        }

        Kind kind() {
            return kind;
        }

        String className() {
            return className;
        }

        String methodName() {
            return methodName;
        }

        String descriptor() {
            return descriptor;
        }

        String holderClass() {
            return holderClass;
        }

        String holderField() {
            return holderField;
        }

        /** Entries are equal when their index lines are (no field holds a space). */
        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && line.equals(e.line);
        }

        @Override
        public int hashCode() {
            return line.hashCode();
        }

        /** @return the entry as its index line (also what the {@link WeaveCache} key reads) */
        @Override
        public String toString() {
            return line;
        }
    }

    /** What the advice does. */
    enum Kind {
        /** Serves the method from the cache. */
        CACHED,
        /** Serves the method from the cache and reloads old entries in the background (refresh-ahead). */
        CACHED_REFRESH,
        /** Invalidates after a normal return. */
        INVALIDATE,
        /** Invalidates on entry. */
        INVALIDATE_BEFORE,
        /** Invalidates on entry and after a normal return. */
        INVALIDATE_BOTH
    }

    private final Map<String, List<Entry>> byClass;

    private WeaveIndex(Map<String, List<Entry>> byClass) {
        this.byClass = byClass;
    }

    /** @return the index of every index resource {@code loader} sees; empty for the bootstrap loader */
    static WeaveIndex of(ClassLoader loader) {
        return loader == null ? EMPTY : cached(loader, CLASS_PATH, k -> read(loader));
    }

    /**
     * @return the entries of the class named {@code className}, defined by {@code loader} from {@code domain}'s
     *         code source: those of the code source's own index, else those of every index the loader sees
     */
    static List<Entry> entries(ClassLoader loader, ProtectionDomain domain, String className) {
        CodeSource source = domain == null ? null : domain.getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location != null) {
            List<Entry> near = cached(loader, location.toExternalForm(), WeaveIndex::readLocation).entries(className);
            if (!near.isEmpty()) {
                return near;
            }
        }
        return of(loader).entries(className);
    }

    /**
     * @return the loader's index under {@code key}, read once (read outside any lock: a class that loads while it is
     *     read comes back here; two threads may both read it, and one result is kept)
     */
    private static WeaveIndex cached(ClassLoader loader, String key, Function<String, WeaveIndex> read) {
        Map<String, WeaveIndex> indexes = BY_LOADER.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
        WeaveIndex index = indexes.get(key);
        if (index == null) {
            index = read.apply(key);
            WeaveIndex first = indexes.putIfAbsent(key, index);
            index = first != null ? first : index;
        }
        return index;
    }

    /** @return the index of these entries (the build-time weaver reads one classes directory's index) */
    static WeaveIndex ofEntries(List<Entry> entries) {
        if (entries.isEmpty()) {
            return EMPTY;
        }
        Map<String, List<Entry>> byClass = new HashMap<>();
        for (Entry e : entries) {
            List<Entry> list = byClass.computeIfAbsent(e.className(), k -> new ArrayList<>());
            if (!list.contains(e)) {
                list.add(e);
            }
        }
        return new WeaveIndex(byClass);
    }

    /** @return the entries of the class with this binary name; empty if it is not listed */
    List<Entry> entries(String className) {
        return byClass.getOrDefault(className, List.of());
    }

    boolean lists(String className) {
        return byClass.containsKey(className);
    }

    private static WeaveIndex read(ClassLoader loader) {
        List<Entry> entries = new ArrayList<>();
        try {
            Enumeration<URL> resources = loader.getResources(RESOURCE);
            while (resources.hasMoreElements()) {
                URL url = resources.nextElement();
                try (InputStream in = url.openStream()) {
                    entries.addAll(parse(in, url.toString()));
                }
            }
        } catch (IOException e) {
            AgentLog.error("could not read " + RESOURCE + " of " + loader + "; its classes run uncached", e);
        }
        return ofEntries(entries);
    }

    /**
     * @return the index in the code source at {@code location}: a directory ({@code file:/app/classes/}) or a jar
     *         ({@code file:/app/lib/app.jar}, or a {@code jar:} URL ending in {@code !/}); empty when it has none
     *         or is of another kind (the caller then asks the class loader)
     */
    static WeaveIndex readLocation(String location) {
        String index;
        if (location.endsWith("/")) {
            index = location + RESOURCE;
        } else if (location.startsWith("file:") && location.endsWith(".jar")) {
            index = "jar:" + location + "!/" + RESOURCE;
        } else {
            return EMPTY;
        }
        try {
            URLConnection connection = new URL(index).openConnection();
            connection.setUseCaches(false); // a jar opened here is closed with the stream, not kept open for good
            try (InputStream in = connection.getInputStream()) {
                return ofEntries(parse(in, index));
            }
        } catch (IOException | RuntimeException notThereOrUnreadable) {
            return EMPTY; // the class loader's resources are read instead
        }
    }

    static List<Entry> parse(InputStream in, String source) throws IOException {
        List<Entry> entries = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(" ");
            Kind kind = f.length == 6 ? kindOf(f[0]) : null;
            if (kind == null) {
                AgentLog.warn(source + ":" + number + ": not an index line, skipped (expected \"cached|cached-refresh|invalidate"
                        + "|invalidate-before|invalidate-both <class> <method> <descriptor> <holder class> "
                        + "<holder field>\"; was the class compiled by another version of cache-processor?): " + line);
                continue;
            }
            entries.add(new Entry(kind, f[1], f[2], f[3], f[4], f[5]));
        }
        return entries;
    }

    private static Kind kindOf(String word) {
        return switch (word) {
            case "cached" -> Kind.CACHED;
            case "cached-refresh" -> Kind.CACHED_REFRESH;
            case "invalidate" -> Kind.INVALIDATE;
            case "invalidate-before" -> Kind.INVALIDATE_BEFORE;
            case "invalidate-both" -> Kind.INVALIDATE_BOTH;
            default -> null;
        };
    }
}
