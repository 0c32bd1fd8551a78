package io.cacheweave.runtime.key;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a key writer reports to the monitor: hashed parts and the length of the text rendered from. */
class KeyWriterStatsTest {

    @Test
    void plainKey_sourceLengthIsTheKeyLength() {
        KeyWriter w = KeyWriter.forKey(10).literal("op:").value("abc").literal(":").value(42);
        assertEquals(0, w.hashedParts());
        assertEquals("op:abc:42".length(), w.sourceLength());
    }

    @Test
    void hashedPart_countsTheOriginalTextLength() {
        KeyWriter w = KeyWriter.forKey(10).literal("op:").value("x".repeat(500)).literal(":").value("short");
        assertEquals(1, w.hashedParts());
        assertEquals(3 + 500 + 1 + 5, w.sourceLength());
        assertEquals(3 + 66 + 1 + 5, w.length());
    }

    @Test
    void hashedInsideASetOrList_counted() {
        KeyWriter w = KeyWriter.forKey(10).literal("op:")
                .set(Set.of("y".repeat(20), "z"), KeyWriter::value)
                .literal(":").list(List.of("w".repeat(30)), KeyWriter::value);
        assertEquals(2, w.hashedParts());
        assertEquals(w.length() - 2 * 66 + 20 + 30, w.sourceLength());
    }
}
