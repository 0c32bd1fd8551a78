package io.cacheweave.runtime.woven;

import io.cacheweave.runtime.key.KeyFunction;
import io.cacheweave.runtime.stats.OperationStats;

/**
 * The cache of one {@code @Cached} method, as the woven advice and the generated key builder see it. The generated
 * key builder holds one in a {@code public static final} field (made by {@code Cacheweave.cachedMethod}), and the
 * advice reads that field, so a hit costs a key computation, one memory-tier lookup and a counter increment, with no
 * reflection and no argument array. The runtime's engine is its only implementation.
 *
 * <p>Protocol, as woven:
 * <pre>{@code
 * Object token = cache.enter(cache.keys.key(a0));        // on method entry
 * if (token instanceof CachedValue) skip the body;
 * ...
 * if (token instanceof CachedValue v) { return v.value(), or throw v.failure() }   // on method exit
 * else if (token != null) cache.exit(token, returned, thrown);
 * }</pre>
 * No method throws (except {@link #joinSuspended}, which rethrows a load's failure). {@code null} from
 * {@link #enter} means "run the body, store nothing".
 *
 * <p><b>Woven ABI</b> (see the package description).
 */
public abstract class CachedMethod {

    /** What the compiler knows about the method. */
    public final CachedMethodSpec spec;
    /** The generated key function of the method. */
    public final KeyFunction keys;

    /**
     * @param spec what the compiler knows about the method
     * @param keys the generated key function
     */
    protected CachedMethod(CachedMethodSpec spec, KeyFunction keys) {
        this.spec = spec;
        this.keys = keys;
    }

    /**
     * Looks {@code key} up. Returns a {@link MemoryEntry} for a hit (or for the outcome of another caller's load of
     * the same key, waited for), a load token when this caller must run the body and pass the token to
     * {@link #exit}, or {@code null} when the body must run uncached.
     *
     * @param key the key from {@link #keys}
     * @return a hit, a load token, or {@code null}
     */
    public abstract Object enter(Object key);

    /**
     * The lookup of a call whose memory-tier key is a tuple of two parts, without making the tuple (see
     * {@link KeyFunction#lookup}): the live memory-tier entry stored under a tuple of two with hash {@code hash},
     * or {@code null}. The entry is not counted, and may belong to another key with the same hash: the caller
     * checks its {@link CachedValue#key()} part by part, then hands it to {@link #hit}, or else calls
     * {@link #enter}.
     *
     * @param hash the tuple's hash ({@code Keys.hash} of the parts' hashes)
     * @return a candidate entry, or {@code null}
     */
    public abstract CachedValue candidate(int hash);

    /**
     * Serves a {@link #candidate} whose key the caller checked: counts the hit and returns the entry, or returns
     * {@code null} when the memory tier may not be served now (the caller then calls {@link #enter}, which decides).
     *
     * @param checked the candidate, checked
     * @return the entry, or {@code null}
     */
    public abstract Object hit(CachedValue checked);

    /**
     * {@link #enter} for methods with refresh-ahead ({@code @Cached(refreshAfter = ...)}): a hit on an entry older
     * than {@code refreshAfter} also starts one background reload of the key (the method run again with the same
     * receiver and arguments); the caller gets the stored value at once.
     *
     * @param key the key from {@link #keys}
     * @param self the receiver, {@code null} for a static method
     * @param args the call's arguments
     * @return as {@link #enter}
     */
    public abstract Object enterRefreshing(Object key, Object self, Object[] args);

    /**
     * Finishes a load that {@link #enter} handed to this caller: stores a normal result and hands the outcome to
     * every caller waiting for the same key. Nothing is stored when the body threw, when the result is absent
     * ({@code null} or an empty {@code Optional}) and the method does not cache absent results, or when the
     * method's entries were invalidated while it ran.
     *
     * @param token the token returned by {@link #enter}
     * @param value the method's result
     * @param thrown what the method threw, or {@code null}
     */
    public abstract void exit(Object token, Object value, Throwable thrown);

    /**
     * Finishes a load of a method that returns a {@code CompletableFuture} or {@code CompletionStage}, or a Reactor
     * {@code Mono} or {@code Flux}: callers of the same key share one load at once, and its value is stored when it
     * completes normally. A load that fails, is cancelled or (a {@code Flux}) is longer than
     * {@code cacheweave.flux.max-elements} is never stored.
     *
     * @param token the token returned by {@link #enter}
     * @param returned the future or publisher the method returned
     * @param thrown what the method threw, or {@code null}
     * @return what the woven method returns: the future itself, or a publisher of the shared load
     */
    public abstract Object exitAsync(Object token, Object returned, Throwable thrown);

    /**
     * For a Kotlin suspend function, on entry and before the key is made: whether this invocation is the function's
     * own state machine calling it again after it suspended ({@code completion} is that state machine), which must
     * run the body untouched.
     *
     * @param completion the continuation argument
     * @return the call to hand to {@link #exitSuspend} as the token when it is such a re-entry, else {@code null}
     */
    public abstract Object resumed(Object completion);

    /**
     * For a Kotlin suspend function whose {@link #enter} handed this caller the load: the continuation to run the
     * body with instead of {@code completion}; it stores the value the function resumes with before the caller gets
     * it.
     *
     * A call that runs uncached ({@code token} is not a load) gets a continuation too, which only passes the outcome
     * on, so that its state machine's re-entries are recognised as such.
     *
     * @param token the token returned by {@link #enter}
     * @param completion the caller's continuation
     * @return the call (a continuation, and the token for {@link #exitSuspend}), or {@code null}: run as it is
     */
    public abstract Object suspendLoad(Object token, Object completion);

    /**
     * For a Kotlin suspend function: ends one invocation of the body. After the call's first invocation, the callers
     * of the key that came meanwhile join the load, and a value returned at once (or a failure) is handed to the
     * cache; a value the function resumes with later reaches it through the call.
     *
     * @param token the call from {@link #suspendLoad} or {@link #resumed}
     * @param returned what the body returned: the value, or {@code COROUTINE_SUSPENDED}
     * @param thrown what the body threw, or {@code null}
     * @return what the woven method returns (always {@code returned})
     */
    public abstract Object exitSuspend(Object token, Object returned, Throwable thrown);

    /**
     * For a Kotlin suspend function: what the woven method returns for an in-flight {@link MemoryEntry} from
     * {@link #enter}, another caller's load: its value when it has one already, else {@code COROUTINE_SUSPENDED},
     * and the caller resumes with the load's outcome.
     *
     * @param found an in-flight value returned by {@link #enter}
     * @param completion the caller's continuation
     * @return the value or {@code COROUTINE_SUSPENDED}
     * @throws Throwable the load's failure, when it failed already
     */
    public abstract Object joinSuspended(CachedValue found, Object completion) throws Throwable;

    /**
     * What the woven method of a future- or publisher-returning method hands back for a {@link MemoryEntry} from
     * {@link #enter}: an already completed future (or a publisher of the stored value) for a stored value, or a
     * copy of the in-flight future of another caller's load (a copy, so that cancelling it does not cancel the
     * load the others wait for; for a publisher, one that shares the load the same way).
     *
     * @param found a value returned by {@link #enter}
     * @return the future or publisher to return
     */
    public abstract Object future(CachedValue found);

    /** @return the operation name */
    public abstract String operation();

    /**
     * @param key a key from {@link #keys}
     * @return the logical key text, {@code operation:part...}
     */
    public abstract String logicalKey(Object key);

    /** @return the counters of this method's operation now */
    public abstract OperationStats operationStats();

    /** @return the number of entries in the memory tier (approximate) */
    public abstract long size();
}
