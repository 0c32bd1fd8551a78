package io.cacheweave.runtime.tier;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * The layout of one {@link FileTier} entry file. Big-endian:
 *
 * <pre>
 *  0  magic        4 bytes  "CWFT"
 *  4  version      1 byte   1
 *  5  key encoding 1 byte   0 = UTF-8, 1 = UTF-16 code units, big-endian (only for keys with unpaired surrogates,
 *                            which UTF-8 cannot hold)
 *  6  reserved     2 bytes  0
 *  8  expires at   8 bytes  epoch milliseconds
 * 16  key length   4 bytes  bytes of the key
 * 20  value length 4 bytes  bytes of the value
 * 24  CRC32C       4 bytes  of bytes 0-23, the key and the value
 * 28  key, then value
 * </pre>
 *
 * A file whose length is not exactly {@code 28 + key length + value length}, or whose magic, version, encoding or
 * checksum does not match, is corrupt.
 */
final class EntryFile {
    static final int MAGIC = 0x43574654; // "CWFT"
    static final byte VERSION = 1;
    static final int HEADER = 28;
    private static final byte KEY_UTF8 = 0;
    private static final byte KEY_UTF16 = 1;
    private static final HexFormat HEX = HexFormat.of();

    private EntryFile() {
    }

    /** The header and key of an entry file. */
    record Head(String key, long expiresAt, int valueLength, long fileLength) {
    }

    /** A whole entry file whose checksum matched. */
    record Entry(Head head, byte[] value) {
    }

    /** @return the file name of a key: the lower-case hex SHA-256 of its UTF-8 bytes */
    static String name(String key) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e); // every JVM must have it
        }
    }

    /** @return whether {@code name} could be a file name made by {@link #name} */
    static boolean isName(String name) {
        if (name.length() != 64) {
            return false;
        }
        for (int i = 0; i < 64; i++) {
            char c = name.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** @return the length of the file of this entry */
    static long length(byte[] keyBytes, byte[] value) {
        return (long) HEADER + keyBytes.length + value.length;
    }

    /** @return the key as stored: UTF-8, or its UTF-16 code units if it holds an unpaired surrogate */
    static byte[] keyBytes(String key) {
        if (wellFormed(key)) {
            return key.getBytes(StandardCharsets.UTF_8);
        }
        // the charset would replace the unpaired surrogate; the code units themselves keep it
        ByteBuffer b = ByteBuffer.allocate(key.length() * 2);
        b.asCharBuffer().put(key);
        return b.array();
    }

    /** @return the header and key of an entry; the value follows them in the file */
    static ByteBuffer head(String key, byte[] keyBytes, long expiresAt, byte[] value) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + keyBytes.length);
        b.putInt(MAGIC).put(VERSION).put(wellFormed(key) ? KEY_UTF8 : KEY_UTF16).putShort((short) 0)
                .putLong(expiresAt).putInt(keyBytes.length).putInt(value.length);
        CRC32C crc = new CRC32C();
        crc.update(b.array(), 0, 24);
        crc.update(keyBytes);
        crc.update(value);
        b.putInt((int) crc.getValue()).put(keyBytes).flip();
        return b;
    }

    /**
     * Reads the header and key, without the value and without checking the checksum (used at open, to index).
     *
     * @return the head, or {@code null} if the file is malformed
     */
    static Head readHead(FileChannel channel) throws IOException {
        long length = channel.size();
        if (length < HEADER) {
            return null;
        }
        ByteBuffer header = read(channel, 0, HEADER);
        HeadFields f = fields(header, length);
        if (f == null) {
            return null;
        }
        byte[] keyBytes = read(channel, HEADER, f.keyLength).array();
        return new Head(key(keyBytes, f.encoding), f.expiresAt, f.valueLength, length);
    }

    /** @return the whole entry, or {@code null} if the file is malformed, torn or corrupt */
    static Entry readEntry(FileChannel channel) throws IOException {
        long length = channel.size();
        if (length < HEADER) {
            return null;
        }
        ByteBuffer header = read(channel, 0, HEADER);
        HeadFields f = fields(header, length);
        if (f == null) {
            return null;
        }
        byte[] keyBytes = read(channel, HEADER, f.keyLength).array();
        byte[] value = read(channel, HEADER + f.keyLength, f.valueLength).array();
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, 24);
        crc.update(keyBytes);
        crc.update(value);
        if ((int) crc.getValue() != header.getInt(24)) {
            return null;
        }
        return new Entry(new Head(key(keyBytes, f.encoding), f.expiresAt, f.valueLength, length), value);
    }

    private record HeadFields(byte encoding, long expiresAt, int keyLength, int valueLength) {
    }

    private static HeadFields fields(ByteBuffer h, long fileLength) {
        byte encoding = h.get(5);
        int keyLength = h.getInt(16);
        int valueLength = h.getInt(20);
        if (h.getInt(0) != MAGIC || h.get(4) != VERSION || (encoding != KEY_UTF8 && encoding != KEY_UTF16)
                || keyLength < 0 || valueLength < 0 || (long) HEADER + keyLength + valueLength != fileLength) {
            return null;
        }
        return new HeadFields(encoding, h.getLong(8), keyLength, valueLength);
    }

    private static String key(byte[] bytes, byte encoding) {
        if (encoding == KEY_UTF8) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return ByteBuffer.wrap(bytes, 0, bytes.length & ~1).asCharBuffer().toString();
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (channel.read(b, position + b.position()) < 0) {
                throw new EOFException("file ended early");
            }
        }
        return b;
    }

    /** @return whether the text has no unpaired surrogate, so UTF-8 holds it exactly */
    private static boolean wellFormed(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
