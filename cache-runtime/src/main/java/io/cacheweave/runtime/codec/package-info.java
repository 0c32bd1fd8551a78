/**
 * Values as the shared tier stores them. {@link io.cacheweave.runtime.codec.ValueCodec} is the contract;
 * {@link io.cacheweave.runtime.codec.JsonValueCodec} is the implementation (Jackson JSON for the declared type, an
 * envelope with format version, compression flags and CRC32C, compression above a threshold), configured with a
 * {@link io.cacheweave.runtime.codec.Compression}; failures are a {@link io.cacheweave.runtime.codec.CodecException}
 * with a reason. Everything else in this package is package-private.
 */
package io.cacheweave.runtime.codec;
