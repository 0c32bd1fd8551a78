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
    private static final Map<ClassLoader, WeaveIndex> BY_LOADER = Collections.synchronizedMap(new WeakHashMap<>());
    /** The index of each code source (by its location) asked about so far; empty where it has none. */
    private static final Map<String, WeaveIndex> BY_LOCATION = new ConcurrentHashMap<>();

    /**
     * One woven method. A plain class, not a record: a record's {@code equals}, {@code hashCode} and {@code toString}
     * are bootstrapped through {@code java.lang.runtime.ObjectMethods}, and the first of those calls in a JVM spins
     * about 90 method-handle classes; the index is read on the application's main thread during {@code premain}.
     */
    static final class Entry {
        private final Kind kind;
        private final String className;
        private final String methodName;
        private final String descriptor;
        private final String holderClass;
        private final String holderField;

        Entry(Kind kind, String className, String methodName, String descriptor, String holderClass,
                String holderField) {
            this.kind = kind;
            this.className = className;
            this.methodName = methodName;
            this.descriptor = descriptor;
            this.holderClass = holderClass;
            this.holderField = holderField;
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

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && kind == e.kind && className.equals(e.className)
                    && methodName.equals(e.methodName) && descriptor.equals(e.descriptor)
                    && holderClass.equals(e.holderClass) && holderField.equals(e.holderField);
        }

        @Override
        public int hashCode() {
            int h = kind.hashCode();
            for (String s : new String[] {className, methodName, descriptor, holderClass, holderField}) {
                h = 31 * h + s.hashCode();
            }
            return h;
        }

        /** @return the entry as its index line (also what the {@link WeaveCache} key reads) */
        @Override
        public String toString() {
            return new StringBuilder(kind.name()).append(' ').append(className).append(' ').append(methodName)
                    .append(' ').append(descriptor).append(' ').append(holderClass).append(' ').append(holderField)
                    .toString();
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
        if (loader == null) {
            return EMPTY;
        }
        return BY_LOADER.computeIfAbsent(loader, WeaveIndex::read);
    }

    /**
     * @return the entries of the class named {@code className}, defined by {@code loader} from {@code domain}'s
     *         code source: those of the code source's own index, else those of every index the loader sees
     */
    static List<Entry> entries(ClassLoader loader, ProtectionDomain domain, String className) {
        CodeSource source = domain == null ? null : domain.getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location != null) {
            List<Entry> near = BY_LOCATION.computeIfAbsent(location.toExternalForm(), WeaveIndex::readLocation)
                    .entries(className);
            if (!near.isEmpty()) {
                return near;
            }
        }
        return of(loader).entries(className);
    }

    /** @return the index of these entries (the build-time weaver reads one classes directory's index) */
    static WeaveIndex ofEntries(List<Entry> entries) {
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
        return entries.isEmpty() ? EMPTY : ofEntries(entries);
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
                List<Entry> entries = parse(in, index);
                return entries.isEmpty() ? EMPTY : ofEntries(entries);
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
