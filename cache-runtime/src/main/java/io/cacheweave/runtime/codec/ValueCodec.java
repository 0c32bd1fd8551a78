package io.cacheweave.runtime.codec;

import java.lang.reflect.Type;

/**
 * Turns values into the bytes a shared tier stores and back: an envelope (format version, flags, checksum) in
 * front of a JSON payload written by Jackson for the method's declared, generic return type, compressed above a
 * threshold. No class names are written and no polymorphic typing is enabled, so the stored bytes can never choose
 * which class is instantiated: only the declared type and what Jackson builds for it.
 *
 * <p>Thread-safe; one instance per runtime.
 */
public interface ValueCodec {

    /**
     * @param value the value, not {@code null}
     * @param type the declared type, such as {@code List<Summary>} as a {@link java.lang.reflect.ParameterizedType}
     * @return the envelope and payload
     * @throws CodecException with {@link CodecException.Reason#UNENCODABLE} if Jackson cannot write the value
     */
    byte[] encode(Object value, Type type);

    /**
     * {@link #encode(Object, Type)}, telling {@code sizes} what it did, for statistics. The default reports the
     * encoded length as both sizes, uncompressed.
     *
     * @param value the value, not {@code null}
     * @param type the declared type
     * @param sizes told the payload and stored sizes once the value is encoded
     * @return the envelope and payload
     * @throws CodecException as {@link #encode(Object, Type)}
     */
    default byte[] encode(Object value, Type type, Sizes sizes) {
        byte[] out = encode(value, type);
        sizes.encoded(out.length, out.length, false, 0);
        return out;
    }

    /** What one encoding did: for the monitor's compression statistics. */
    @FunctionalInterface
    interface Sizes {
        /**
         * @param rawBytes bytes of the uncompressed payload (JSON)
         * @param storedBytes bytes of the result (envelope and payload as stored)
         * @param compressed whether the payload is stored compressed
         * @param compressionNanos time spent compressing, kept or not; 0 when compression was not tried
         */
        void encoded(int rawBytes, int storedBytes, boolean compressed, long compressionNanos);
    }

    /**
     * @param bytes what {@link #encode} produced, possibly truncated, corrupt or from another format version
     * @param type the declared type
     * @return the value
     * @throws CodecException naming the reason when the bytes are not a valid encoding of a value of {@code type}
     */
    Object decode(byte[] bytes, Type type);
}
