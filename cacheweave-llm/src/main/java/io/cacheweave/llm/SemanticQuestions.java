package io.cacheweave.llm;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cacheweave.runtime.CacheRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The semantic side of a {@link ChatResponseCache}: embeds questions, keeps one {@link SemanticIndex} per scope, and
 * shares the stored questions between nodes through the shared tier, so a node that joins learns what the others
 * stored.
 *
 * <p>In the shared tier each stored question is an entry {@code <cache>-questions:[scope,id]} (its vector, the
 * embedder's name, its text and the key of its answer), and each scope has 16 manifests
 * {@code <cache>-manifest:[scope,shard]} listing the ids. A node reads a scope's manifests the first time it sees the
 * scope and again on a miss at most every {@code semanticRefresh}; it writes a manifest as the union of what it read
 * and what it knows, so an id lost to two nodes writing at once comes back with the next write of either. Both caches
 * are built as supporting caches of the chat cache ({@code CacheBuilder.supporting}), so the monitor reports them
 * marked and under it, not as operations of the application.
 */
final class SemanticQuestions {

    /** A stored question as the shared tier holds it. */
    record StoredQuestion(String embedder, float[] vector, String question, List<String> answerKey) {
    }

    /** The ids of one shard of a scope. */
    record Manifest(List<String> ids) {
    }

    /** One log line per kind of failure. */
    interface FailureLog {
        void logOnce(String kind, String message, Throwable cause);
    }

    private static final int SHARDS = 16;
    /** Scopes kept per cache on a node (each conversation prefix is a scope). */
    static final int SCOPES = 10_000;
    private static final ExecutorService EMBEDDING = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cacheweave-embed");
        t.setDaemon(true);
        return t;
    });

    private final ChatCacheOptions options;
    private final Embedder embedder;
    private final FailureLog log;
    private final io.cacheweave.runtime.Cache<List<String>, StoredQuestion> questions;
    private final io.cacheweave.runtime.Cache<List<String>, Manifest> manifests;
    /** The scopes seen on this node, the least recently used dropped beyond {@link #SCOPES}. */
    private final Cache<String, Scope> scopes = Caffeine.newBuilder().maximumSize(SCOPES).build();
    /** An embedding that outlived its timeout and still runs; none is started until it ends. */
    private volatile Future<float[]> overdue;

    SemanticQuestions(CacheRuntime runtime, ChatCacheOptions options, Embedder embedder, FailureLog log) {
        this.options = options;
        this.embedder = embedder;
        this.log = log;
        // internal caches of the chat cache: the monitor shows them under it, and gives them no advice or alerts
        this.questions = runtime.<List<String>, StoredQuestion>cacheBuilder(options.name() + "-questions")
                .valueType(StoredQuestion.class).supporting(options.name()).build();
        this.manifests = runtime.<List<String>, Manifest>cacheBuilder(options.name() + "-manifest")
                .valueType(Manifest.class).supporting(options.name()).build();
    }

    /**
     * @return the question's embedding, or {@code null} (logged once) when the embedder fails or is too slow. An
     *     embedding that took longer than {@code embedTimeout} is left to finish on its thread (interrupting it may
     *     not stop it), and until it does no other is started: calls skip semantic lookups at once instead of each
     *     waiting out the timeout, and a stuck embedder holds one thread, not one per call.
     */
    float[] embed(String question) {
        Future<float[]> late = overdue;
        if (late != null) {
            if (!late.isDone()) {
                return null;
            }
            overdue = null;
        }
        Future<float[]> future = EMBEDDING.submit(() -> embedder.embed(question));
        try {
            float[] vector = future.get(options.embedTimeout().toNanos(), TimeUnit.NANOSECONDS);
            if (vector == null || vector.length == 0) {
                log.logOnce("embed-empty", "cacheweave: embedder " + embedder.name() + " returned no vector; "
                        + "semantic lookups are skipped while it does", null);
                return null;
            }
            return vector;
        } catch (TimeoutException e) {
            overdue = future;
            log.logOnce("embed-timeout", "cacheweave: embedder " + embedder.name() + " took longer than "
                    + options.embedTimeout() + "; semantic lookups are skipped while it does", null);
        } catch (ExecutionException e) {
            log.logOnce("embed-failed", "cacheweave: embedder " + embedder.name() + " failed; semantic lookups are "
                    + "skipped while it does", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }

    /** @return the answer key of the most similar earlier question that the guard lets through */
    Optional<List<String>> nearest(RequestKeys.Rendered request, float[] vector) {
        Scope scope = scope(request.semanticScope(), vector.length);
        List<SemanticIndex.Match> matches = scope.index.search(vector, options.similarity());
        if (matches.isEmpty() && scope.refreshDue(options.semanticRefresh())) {
            load(request.semanticScope(), scope);
            matches = scope.index.search(vector, options.similarity());
        }
        for (SemanticIndex.Match match : matches) {
            if (MeaningGuard.conflict(request.lastUserText(), match.question()) != null) {
                continue;
            }
            StoredQuestion stored = questions.get(List.of(request.semanticScope(), match.id()));
            if (stored != null) {
                return Optional.of(stored.answerKey());
            }
        }
        return Optional.empty();
    }

    /** Keeps {@code request}'s question for later semantic hits, on this node and in the shared tier. */
    void remember(RequestKeys.Rendered request, float[] vector, Duration ttl) {
        String id = RequestKeys.sha256(String.join("\u0000", request.exactKey())).substring(0, 32);
        Scope scope = scope(request.semanticScope(), vector.length);
        if (!scope.index.add(id, request.lastUserText(), vector)) {
            return;
        }
        questions.put(List.of(request.semanticScope(), id),
                new StoredQuestion(embedder.name(), vector, request.lastUserText(), request.exactKey()), ttl);
        String shard = shard(id);
        List<String> key = List.of(request.semanticScope(), shard);
        Manifest read = manifests.get(key);
        Set<String> ids = new LinkedHashSet<>(read == null ? List.of() : read.ids());
        ids.addAll(scope.known(shard));
        ids.add(id);
        List<String> kept = new ArrayList<>(ids);
        int bound = Math.max(1, options.semanticCapacity() / SHARDS);
        if (kept.size() > bound) {
            kept = kept.subList(kept.size() - bound, kept.size());
        }
        manifests.put(key, new Manifest(kept), ttl);
    }

    private Scope scope(String name, int dimension) {
        Scope scope = scopes.getIfPresent(name);
        if (scope != null) {
            return scope;
        }
        Scope created = new Scope(new SemanticIndex(dimension, options.semanticCapacity()));
        Scope raced = scopes.asMap().putIfAbsent(name, created);
        if (raced != null) {
            return raced;
        }
        load(name, created); // outside any lock: it reads the shared tier
        return created;
    }

    private void load(String name, Scope scope) {
        scope.loaded = System.nanoTime();
        List<List<String>> keys = new ArrayList<>();
        for (int s = 0; s < SHARDS; s++) {
            Manifest manifest = manifests.get(List.of(name, Integer.toHexString(s)));
            if (manifest != null) {
                for (String id : manifest.ids()) {
                    keys.add(List.of(name, id));
                }
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        for (Map.Entry<List<String>, StoredQuestion> e : questions.getAll(keys).entrySet()) {
            StoredQuestion q = e.getValue();
            if (q == null || q.vector() == null || q.question() == null) {
                continue;
            }
            if (!embedder.name().equals(q.embedder()) || q.vector().length != scope.index.dimension()) {
                log.logOnce("foreign-vector", "cacheweave: the shared tier holds questions embedded by "
                        + q.embedder() + " (dimension " + q.vector().length + "), not " + embedder.name()
                        + " (dimension " + scope.index.dimension() + "); they are skipped, never compared", null);
                continue;
            }
            scope.index.add(e.getKey().get(1), q.question(), q.vector());
        }
    }

    private static String shard(String id) {
        return Integer.toHexString(Character.digit(id.charAt(0), 16));
    }

    /** One scope's index on this node, and when it last read the other nodes' questions. */
    private static final class Scope {
        final SemanticIndex index;
        volatile long loaded;

        Scope(SemanticIndex index) {
            this.index = index;
        }

        boolean refreshDue(Duration every) {
            return System.nanoTime() - loaded > every.toNanos();
        }

        List<String> known(String shard) {
            return index.ids(id -> shard(id).equals(shard));
        }
    }
}
