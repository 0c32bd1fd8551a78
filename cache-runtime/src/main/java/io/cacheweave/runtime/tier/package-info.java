/**
 * Tiers behind the memory tier and the bus that keeps the nodes' memory tiers consistent.
 *
 * <ul>
 *   <li>{@link io.cacheweave.runtime.tier.SharedTier}: the contract; {@link io.cacheweave.runtime.tier.RedisTier}
 *       implements it on Redis (standalone, Sentinel, Cluster) through Lettuce, configured by
 *       {@link io.cacheweave.runtime.tier.RedisTierConfig}.</li>
 *   <li>{@link io.cacheweave.runtime.tier.GuardedTier}: any shared tier behind a
 *       {@link io.cacheweave.runtime.tier.CircuitBreaker}; never throws, so callers degrade to the memory tier and the
 *       method itself.</li>
 *   <li>{@link io.cacheweave.runtime.tier.InvalidationBus}: invalidations between nodes;
 *       {@link io.cacheweave.runtime.tier.RedisInvalidationBus} sends them over Redis pub/sub.</li>
 * </ul>
 *
 * <p>Public types are API; package-private ones are implementation details.
 */
package io.cacheweave.runtime.tier;
