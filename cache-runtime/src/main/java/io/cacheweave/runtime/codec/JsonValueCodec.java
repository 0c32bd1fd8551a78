package io.cacheweave.runtime.codec;

import io.cacheweave.runtime.codec.CodecException.Reason;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The {@link ValueCodec}: Jackson JSON for the declared (generic) type, behind a binary envelope, compressed above
 * a threshold.
 *
 * <pre>{@code
 * ValueCodec codec = JsonValueCodec.create();                     // zstd level 3 above 1 KiB
 * ValueCodec fast = JsonValueCodec.builder()
 *         .compression(Compression.DEFLATE, 1)
 *         .threshold(4096)
 *         .build();
 * Type type = method.getGenericReturnType();                     // List<Summary>, Optional<Score>, ...
 * byte[] stored = codec.encode(value, type);
 * Object back = codec.decode(stored, type);
 * }</pre>
 *
 * <h2>Envelope</h2>
 * Every encoded value is a 12-byte header followed by the payload; integers are big-endian:
 * <table>
 *   <caption>Envelope layout, format version 1</caption>
 *   <tr><th>offset</th><th>size</th><th>field</th></tr>
 *   <tr><td>0</td><td>2</td><td>magic {@code E3 77}: never the start of UTF-8 text, so bare JSON or text stored by
 *       something else is recognised</td></tr>
 *   <tr><td>2</td><td>1</td><td>format version, {@code 1}</td></tr>
 *   <tr><td>3</td><td>1</td><td>flags: the compression of the payload, {@code 0} none, {@code 1} deflate (zlib
 *       stream), {@code 2} zstd (frame), {@code 3} lz4 (block); other values are reserved</td></tr>
 *   <tr><td>4</td><td>4</td><td>length of the uncompressed payload in bytes, unsigned, at most
 *       {@link #MAX_PAYLOAD_BYTES}</td></tr>
 *   <tr><td>8</td><td>4</td><td>CRC32C ({@link java.util.zip.CRC32C}) of the uncompressed payload</td></tr>
 *   <tr><td>12</td><td>rest</td><td>the payload: UTF-8 JSON, compressed as the flags say; nothing follows it</td></tr>
 * </table>
 * A payload longer than the threshold is compressed with the configured algorithm, unless that would not make it
 * smaller; otherwise it is stored as is. Decoding follows the flags, not the configuration, so values written with
 * any algorithm whose library is present are read.
 *
 * <h2>Failures</h2>
 * {@link #encode} and {@link #decode} throw {@link CodecException} and nothing else:
 * <ul>
 *   <li>{@link Reason#TRUNCATED}: fewer bytes than the header needs or the envelope states (any prefix of a valid
 *       value fails so); a compressed payload that ends early where the format can tell (deflate, zstd);</li>
 *   <li>{@link Reason#CHECKSUM}: the CRC32C does not match, bytes follow the payload, or the compressed data is
 *       corrupt, states an impossible length, or decompresses to another length than the envelope states;</li>
 *   <li>{@link Reason#VERSION}: another magic (not an envelope) or another format version;</li>
 *   <li>{@link Reason#UNKNOWN_COMPRESSION}: a reserved compression id, or an algorithm whose library is missing;</li>
 *   <li>{@link Reason#TOO_LARGE}: the envelope states a payload longer than {@link #maxDecodedBytes()};</li>
 *   <li>{@link Reason#UNDECODABLE}: the payload is not JSON of the declared type;</li>
 *   <li>{@link Reason#UNENCODABLE}: Jackson cannot write the value, it is not an instance of the declared type, it
 *       is {@code null}, or its JSON is longer than {@link #maxDecodedBytes()} (it could never be read back).</li>
 * </ul>
 * The stated length is trusted only as far as the bytes back it: an uncompressed payload must be exactly that long,
 * a compressed one is not decompressed into more than its format can produce from the bytes present, and never
 * into more than {@link #maxDecodedBytes()}: a stated length above it fails before anything is allocated, and the
 * decompressor's output buffer is never larger than the stated length, so data that would decompress to more fails
 * while decompressing (a decompression bomb costs at most {@link #maxDecodedBytes()} of memory and the time to
 * produce that much).
 *
 * <h2>What JSON, and what it can build</h2>
 * Jackson with {@code Optional} (jdk8) and {@code java.time} modules; records, beans, collections, maps, arrays and
 * boxed primitives as Jackson writes them. No class name is ever written and none is ever read: there is no default
 * typing, the polymorphic type validator allows no class, and a type or property annotated
 * {@code @JsonTypeInfo(use = CLASS)} or {@code MINIMAL_CLASS} cannot be encoded or decoded ({@link Reason#UNENCODABLE},
 * {@link Reason#UNDECODABLE}); {@code use = NAME} with {@code @JsonSubTypes} works, since the declared type names
 * its own subtypes. So the stored bytes build the declared type and what it declares, nothing else; a value declared
 * {@code Object} decodes to maps, lists, strings, numbers and booleans. A payload decodes only if it has the shape the
 * encoder writes for the declared type: an unknown or missing property (a record component, a creator or bean
 * property the encoder always writes), a scalar of another kind (text for a number, a number for text, a fraction
 * for an integer, a number or array for a date) or {@code null} for a primitive is {@link Reason#UNDECODABLE}, so
 * JSON of another shape is a miss, never a value of nulls and zeros. A value written by a deploy whose record has one
 * more (or one less) component is therefore a miss too; bump the schema version when a cached type changes shape.
 *
 * <p>Immutable and thread-safe; build one per runtime: the reader and writer of each declared type are made once
 * and cached.
 */
public final class JsonValueCodec implements ValueCodec {
    /**
     * The compression of {@link #create()}. Measured on a 15.5 KiB language-model answer (ordinary English prose,
     * {@code CodecBenchmark}): zstd 3 stores it in 2.40x less space, within 3% of deflate 6 (2.47x), while encoding
     * about 4x faster and decoding faster too; LZ4 is faster still but stores 50% more bytes (1.58x). The shared tier
     * is paid for in memory and read far more often than written, so size comes first, then decoding time.
     */
    public static final Compression DEFAULT_ALGORITHM = Compression.ZSTD;
    /** The level of {@link #DEFAULT_ALGORITHM} that {@link #create()} uses. */
    public static final int DEFAULT_LEVEL = 3;
    /** Payloads longer than this many bytes are compressed. */
    public static final int DEFAULT_THRESHOLD = 1024;
    /** The largest {@link Builder#maxDecodedBytes(int)}: 256 MiB. */
    public static final int MAX_PAYLOAD_BYTES = 256 << 20;
    /** The default of {@link Builder#maxDecodedBytes(int)}: 16 MiB. */
    public static final int DEFAULT_MAX_DECODED_BYTES = 16 << 20;

    private final Compression algorithm;
    private final int level;
    private final int threshold;
    private final int maxDecodedBytes;
    private final Compressor compressor;
    /** Per compression id: its {@link Compressor} for reading, or the {@code String} saying why there is none. */
    private final AtomicReferenceArray<Object> readers = new AtomicReferenceArray<>(Compression.values().length);
    private final JsonBindings bindings;

    private JsonValueCodec(Builder builder) {
        this.algorithm = builder.algorithm;
        this.level = builder.level;
        this.threshold = builder.threshold;
        this.maxDecodedBytes = builder.maxDecodedBytes;
        this.bindings = new JsonBindings(maxDecodedBytes);
        this.compressor = algorithm == Compression.NONE ? null : Compressor.create(algorithm, level);
        if (compressor != null) {
            readers.set(algorithm.id(), compressor);
        }
    }

    /**
     * @return a codec with {@link #DEFAULT_ALGORITHM} at {@link #DEFAULT_LEVEL} above {@link #DEFAULT_THRESHOLD}
     *     bytes, which needs no dependency beyond the runtime's own
     */
    public static JsonValueCodec create() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the algorithm payloads above the threshold are compressed with */
    public Compression compression() {
        return algorithm;
    }

    /** @return the level of {@link #compression()} */
    public int level() {
        return level;
    }

    /** @return payloads longer than this many bytes are compressed */
    public int threshold() {
        return threshold;
    }

    /** @return the longest JSON payload, uncompressed, that is encoded or decoded */
    public int maxDecodedBytes() {
        return maxDecodedBytes;
    }

    @Override
    public byte[] encode(Object value, Type type) {
        return encode(value, type, null);
    }

    /** As {@link #encode(Object, Type)}; times the compression only when {@code sizes} is given. */
    @Override
    public byte[] encode(Object value, Type type, Sizes sizes) {
        if (value == null) {
            throw new CodecException(Reason.UNENCODABLE, "value must not be null", null);
        }
        if (type == null) {
            throw new CodecException(Reason.UNENCODABLE, "declared type must not be null", null);
        }
        byte[] json;
        try {
            JsonBindings.Binding binding = bindings.of(type);
            if (!binding.rawClass().isInstance(value)) {
                throw new CodecException(Reason.UNENCODABLE, "value of " + value.getClass().getName()
                        + " is not a " + type.getTypeName(), null);
            }
            json = binding.writer().writeValueAsBytes(value);
        } catch (CodecException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            throw new CodecException(Reason.UNENCODABLE, "cannot write " + value.getClass().getName() + " as "
                    + type.getTypeName() + ": " + e.getMessage(), e);
        }
        return seal(json, sizes);
    }

    private byte[] seal(byte[] json, Sizes sizes) {
        int length = json.length;
        if (length > maxDecodedBytes) {
            throw new CodecException(Reason.UNENCODABLE, "value is " + length + " bytes of JSON, more than the"
                    + " maximum of " + maxDecodedBytes + " (cacheweave.codec.max-decoded-bytes)", null);
        }
        int crc = Envelope.crc32c(json, 0, length);
        byte[] out = new byte[Envelope.HEADER_LENGTH + length];
        if (compressor != null && length > threshold) {
            int compressed;
            long start = sizes == null ? 0 : System.nanoTime();
            try {
                // One byte less than the payload: compression that saves nothing is not kept.
                compressed = compressor.compress(json, length, out, Envelope.HEADER_LENGTH, length - 1);
            } catch (RuntimeException | LinkageError e) {
                throw new CodecException(Reason.UNENCODABLE, algorithm + " compression failed: " + e, e);
            }
            long nanos = sizes == null ? 0 : System.nanoTime() - start;
            if (compressed >= 0) {
                Envelope.writeHeader(out, algorithm, length, crc);
                byte[] sealed = Arrays.copyOf(out, Envelope.HEADER_LENGTH + compressed);
                if (sizes != null) {
                    sizes.encoded(length, sealed.length, true, nanos);
                }
                return sealed;
            }
            if (sizes != null) {
                sizes.encoded(length, out.length, false, nanos);
                sizes = null;
            }
        }
        Envelope.writeHeader(out, Compression.NONE, length, crc);
        System.arraycopy(json, 0, out, Envelope.HEADER_LENGTH, length);
        if (sizes != null) {
            sizes.encoded(length, out.length, false, 0);
        }
        return out;
    }

    @Override
    public Object decode(byte[] bytes, Type type) {
        if (bytes == null) {
            throw new CodecException(Reason.TRUNCATED, "no bytes (null)", null);
        }
        if (type == null) {
            throw new CodecException(Reason.UNDECODABLE, "declared type must not be null", null);
        }
        Compression compression = readHeader(bytes);
        int length = Envelope.readInt(bytes, Envelope.LENGTH_OFFSET);
        int available = bytes.length - Envelope.HEADER_LENGTH;
        byte[] payload;
        int offset;
        if (length < 0 || length > maxDecodedBytes) {
            throw new CodecException(Reason.TOO_LARGE, "the envelope says the payload is "
                    + Integer.toUnsignedString(length) + " bytes, more than the maximum of " + maxDecodedBytes
                    + " (cacheweave.codec.max-decoded-bytes)", null);
        }
        if (compression == Compression.NONE) {
            if (length > available) {
                throw new CodecException(Reason.TRUNCATED, available + " payload bytes, the envelope says "
                        + Integer.toUnsignedString(length), null);
            }
            if (length < available) {
                throw new CodecException(Reason.CHECKSUM, (available - length) + " bytes after the "
                        + length + "-byte payload", null);
            }
            payload = bytes;
            offset = Envelope.HEADER_LENGTH;
        } else {
            if (available == 0) {
                throw new CodecException(Reason.TRUNCATED, "no payload after the envelope header", null);
            }
            Compressor reader = reader(compression);
            try {
                payload = reader.decompress(bytes, Envelope.HEADER_LENGTH, available, length);
            } catch (CodecException e) {
                throw e;
            } catch (RuntimeException | LinkageError e) {
                throw new CodecException(Reason.CHECKSUM, "corrupt " + compression + " payload: " + e, e);
            }
            offset = 0;
        }
        int stored = Envelope.readInt(bytes, Envelope.CRC_OFFSET);
        int actual = Envelope.crc32c(payload, offset, length);
        if (stored != actual) {
            throw new CodecException(Reason.CHECKSUM, String.format("CRC32C of the payload is %08x, the envelope"
                    + " says %08x", actual, stored), null);
        }
        return read(payload, offset, length, type);
    }

    /** Checks magic, version and flags as far as the bytes reach, so a short value of another version is not "truncated". */
    static Compression readHeader(byte[] bytes) {
        int n = bytes.length;
        if (n > 0 && bytes[0] != Envelope.MAGIC_0 || n > 1 && bytes[1] != Envelope.MAGIC_1) {
            throw new CodecException(Reason.VERSION, "not an encoded value: no envelope (starts with "
                    + String.format("%02x", bytes[0]) + (n > 1 ? String.format(" %02x", bytes[1]) : "") + ")", null);
        }
        if (n > Envelope.VERSION_OFFSET && bytes[Envelope.VERSION_OFFSET] != Envelope.VERSION) {
            throw new CodecException(Reason.VERSION, "format version " + (bytes[Envelope.VERSION_OFFSET] & 0xFF)
                    + " is unknown; this runtime reads version " + Envelope.VERSION, null);
        }
        Compression compression = null;
        if (n > Envelope.FLAGS_OFFSET) {
            compression = Compression.ofId(bytes[Envelope.FLAGS_OFFSET] & 0xFF);
            if (compression == null) {
                throw new CodecException(Reason.UNKNOWN_COMPRESSION, "compression id "
                        + (bytes[Envelope.FLAGS_OFFSET] & 0xFF) + " is unknown", null);
            }
        }
        if (n < Envelope.HEADER_LENGTH) {
            throw new CodecException(Reason.TRUNCATED, n + " bytes, shorter than the " + Envelope.HEADER_LENGTH
                    + "-byte envelope header", null);
        }
        return compression;
    }

    private Compressor reader(Compression compression) {
        int id = compression.id();
        Object reader = readers.get(id);
        if (reader == null) {
            try {
                reader = Compressor.create(compression, compression.defaultLevel());
            } catch (IllegalStateException e) {
                reader = e.getMessage();
            }
            readers.compareAndSet(id, null, reader);
            reader = readers.get(id);
        }
        if (reader instanceof String problem) {
            throw new CodecException(Reason.UNKNOWN_COMPRESSION, "the value is " + compression
                    + "-compressed, but " + problem, null);
        }
        return (Compressor) reader;
    }

    private Object read(byte[] payload, int offset, int length, Type type) {
        Object value;
        try {
            value = bindings.of(type).reader().readValue(payload, offset, length);
        } catch (Exception | StackOverflowError e) {
            throw new CodecException(Reason.UNDECODABLE, "not a " + type.getTypeName() + ": " + e.getMessage(), e);
        }
        if (value == null) {
            throw new CodecException(Reason.UNDECODABLE, "the payload is null, not a " + type.getTypeName(), null);
        }
        return value;
    }

    /**
     * For statistics (compression ratio): the uncompressed payload length an encoded value's envelope states,
     * without decoding it.
     *
     * @param encoded what {@link #encode} returned
     * @return the JSON payload length in bytes, or {@code -1} when {@code encoded} does not start with a version 1
     *     envelope header
     */
    public static int payloadLength(byte[] encoded) {
        if (encoded == null || encoded.length < Envelope.HEADER_LENGTH || encoded[0] != Envelope.MAGIC_0
                || encoded[1] != Envelope.MAGIC_1 || encoded[Envelope.VERSION_OFFSET] != Envelope.VERSION) {
            return -1;
        }
        int length = Envelope.readInt(encoded, Envelope.LENGTH_OFFSET);
        return length < 0 || length > MAX_PAYLOAD_BYTES ? -1 : length;
    }

    @Override
    public String toString() {
        return "JsonValueCodec[" + algorithm + (algorithm == Compression.NONE ? "" : " level " + level
                + " above " + threshold + " bytes") + ", at most " + maxDecodedBytes + " bytes decoded]";
    }

    /** Collects the compression settings of a {@link JsonValueCodec}; starts from the defaults. */
    public static final class Builder {
        private Compression algorithm = DEFAULT_ALGORITHM;
        private int level = DEFAULT_LEVEL;
        private int threshold = DEFAULT_THRESHOLD;
        private int maxDecodedBytes = DEFAULT_MAX_DECODED_BYTES;

        private Builder() {
        }

        /**
         * @param bytes the longest JSON payload, uncompressed, to encode or decode, from 1 to
         *     {@link #MAX_PAYLOAD_BYTES}: a stored value that decompresses to more is {@link Reason#TOO_LARGE}, found
         *     out before more than this is allocated; a value whose JSON is longer is not encoded
         * @return this builder
         */
        public Builder maxDecodedBytes(int bytes) {
            if (bytes < 1 || bytes > MAX_PAYLOAD_BYTES) {
                throw new IllegalArgumentException("max decoded bytes must be from 1 to " + MAX_PAYLOAD_BYTES + ": "
                        + bytes);
            }
            this.maxDecodedBytes = bytes;
            return this;
        }

        /**
         * @param algorithm the compression, at its {@link Compression#defaultLevel() default level}
         * @return this builder
         */
        public Builder compression(Compression algorithm) {
            Objects.requireNonNull(algorithm, "compression must not be null");
            return compression(algorithm, algorithm.defaultLevel());
        }

        /**
         * @param algorithm the compression
         * @param level from the algorithm's {@link Compression#minLevel()} to its {@link Compression#maxLevel()}
         * @return this builder
         * @throws IllegalArgumentException when the level is out of the algorithm's range
         */
        public Builder compression(Compression algorithm, int level) {
            Objects.requireNonNull(algorithm, "compression must not be null");
            if (level < algorithm.minLevel() || level > algorithm.maxLevel()) {
                throw new IllegalArgumentException(String.format("%s level must be from %d to %d: %d", algorithm,
                        algorithm.minLevel(), algorithm.maxLevel(), level));
            }
            this.algorithm = algorithm;
            this.level = level;
            return this;
        }

        /**
         * @param bytes payloads longer than this are compressed; {@code 0} compresses every non-empty payload
         * @return this builder
         */
        public Builder threshold(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("compression threshold must not be negative: " + bytes);
            }
            this.threshold = bytes;
            return this;
        }

        /**
         * @return the codec
         * @throws IllegalStateException naming the dependency to add when the compression's library is missing from
         *     the class path or its native library does not load on this platform
         */
        public JsonValueCodec build() {
            return new JsonValueCodec(this);
        }
    }
}
