/**
 * Faces over the programmatic {@link io.cacheweave.runtime.Cache}: ready-made ways of using one cache for a common
 * job, each built on the {@code Cache} interface only, so every tier, codec and key rule stays the engine's.
 *
 * <ul>
 *   <li>{@link io.cacheweave.runtime.faces.HierarchicalKeys}: {@code service:entity:identifier:qualifier} keys and
 *       patterns over them, escaped like generated keys, and {@link io.cacheweave.runtime.faces.DataTypeTtls}, the
 *       TTL of a kind of data from configuration with a per-call override.</li>
 *   <li>{@link io.cacheweave.runtime.faces.AiResponseCache}: responses of a language model keyed by operation, text
 *       and options, with per-operation TTLs and statistics by text-size tier.</li>
 *   <li>{@link io.cacheweave.runtime.faces.CacheWarmer}: loads a set of keys ahead of time, in parallel, bounded,
 *       and reports what it did.</li>
 * </ul>
 */
package io.cacheweave.runtime.faces;
