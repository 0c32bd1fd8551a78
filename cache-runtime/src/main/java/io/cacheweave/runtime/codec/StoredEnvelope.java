package io.cacheweave.runtime.codec;

/**
 * What the envelope of a stored value says, read without decoding the payload: for operators' inspection.
 *
 * @param compression how the payload is compressed ({@link Compression#NONE} when it is not)
 * @param rawBytes the length of the JSON payload before compression, as the envelope states it
 * @param storedBytes the length of the stored value, envelope included
 */
public record StoredEnvelope(Compression compression, int rawBytes, int storedBytes) {

    /** The bytes an absent result ({@code null} or an empty {@code Optional} of a woven method) is stored as. */
    private static final byte[] ABSENT = "cacheweave:absent".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * @param stored a stored value
     * @return its envelope
     * @throws CodecException if the bytes are not an envelope of this format version (the message says what they
     *     are instead)
     */
    public static StoredEnvelope read(byte[] stored) {
        Compression compression = JsonValueCodec.readHeader(stored);
        return new StoredEnvelope(compression, Integer.toUnsignedLong(Envelope.readInt(stored, Envelope.LENGTH_OFFSET))
                > Integer.MAX_VALUE ? -1 : Envelope.readInt(stored, Envelope.LENGTH_OFFSET), stored.length);
    }

    /**
     * @param stored a stored value
     * @return whether it is the marker of an absent result of a woven method ({@code null}, an empty
     *     {@code Optional}), which has no envelope
     */
    public static boolean isAbsentResult(byte[] stored) {
        return java.util.Arrays.equals(stored, ABSENT);
    }
}
