package io.cacheweave.runtime.tier;

import java.time.Duration;

/**
 * Short-lived exclusive leases on keys, so that of several nodes missing the same key only one loads it (a
 * distributed stampede guard). A lease is a key holding its owner's random token with an expiry; only the owner
 * renews or releases it, so a lease that outlived its owner's load can never be released by another node.
 */
public interface LeaseTier {

    /** What an attempt to take a lease found. */
    enum LeaseResult {
        /** The caller holds the lease now. */
        ACQUIRED,
        /** Another owner holds it. */
        HELD_ELSEWHERE,
        /** The tier could not tell (failure, breaker open): the caller should go on without coordination. */
        UNAVAILABLE
    }

    /**
     * @param key the lease key
     * @param owner the caller's token
     * @param ttl how long the lease lasts unless renewed
     * @return whether the caller got it
     */
    LeaseResult tryLease(String key, String owner, Duration ttl);

    /** @return whether {@code owner} still held the lease and its expiry was moved to {@code ttl} from now */
    boolean renewLease(String key, String owner, Duration ttl);

    /** Releases the lease if {@code owner} still holds it; another owner's lease is left alone. */
    void releaseLease(String key, String owner);
}
