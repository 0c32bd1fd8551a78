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
     * @param bytes what {@link #encode} produced, possibly truncated, corrupt or from another format version
     * @param type the declared type
     * @return the value
     * @throws CodecException naming the reason when the bytes are not a valid encoding of a value of {@code type}
     */
    Object decode(byte[] bytes, Type type);
}
