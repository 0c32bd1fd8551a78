package io.cacheweave.runtime.codec;

/** Reads envelope fields the way the codec does. */
final class CodecFixturesAccess {
    private CodecFixturesAccess() {
    }

    static int readInt(byte[] bytes, int offset) {
        return Envelope.readInt(bytes, offset);
    }
}
