package io.cacheweave.runtime.codec;

/**
 * Stored bytes could not be turned back into a value, or a value could not be encoded. On the read path this is a
 * miss: the entry is deleted, counted and logged once; it never reaches the caller.
 */
public class CodecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why decoding or encoding failed. */
    public enum Reason {
        /** Fewer bytes than the envelope says. */
        TRUNCATED,
        /** The checksum does not match the payload. */
        CHECKSUM,
        /** Written by another, unknown format version. */
        VERSION,
        /** The envelope names a compression this runtime does not have. */
        UNKNOWN_COMPRESSION,
        /**
         * The payload is longer than the codec's maximum ({@code cacheweave.codec.max-decoded-bytes}): stated so by
         * the envelope, or found out while decompressing.
         */
        TOO_LARGE,
        /** The payload is not a value of the declared type. */
        UNDECODABLE,
        /** The value cannot be written as JSON. */
        UNENCODABLE
    }

    private final Reason reason;

    /** @param reason why @param message what @param cause the underlying failure, or {@code null} */
    public CodecException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /** @return why it failed */
    public Reason reason() {
        return reason;
    }
}
