package io.cacheweave.runtime.key;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.cacheweave.runtime.stats.MemoryEstimator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Long text key parts kept in the memory tier by their digest (issue 13, item 5). */
class LongTextKeysTest {
    private static final int THRESHOLD = 1000;

    @AfterEach
    void restoreThreshold() {
        Keys.textThreshold(THRESHOLD);
    }

    @Test
    void text_shortTextIsKeptItself() {
        String text = "x".repeat(THRESHOLD);
        assertSame(text, Keys.text(text));
        assertSame(null, Keys.text(null));
        Integer other = 7;
        assertSame(other, Keys.text(other));
    }

    @Test
    void text_longTextIsKeptByDigest_costingBytesNotItsLength() {
        String megabyte = "y".repeat(1 << 20);
        Object key = Keys.text(megabyte);
        assertInstanceOf(Keys.LongText.class, key);
        assertEquals(1 << 20, ((Keys.LongText) key).length());
        long bytes = MemoryEstimator.deepSize(key);
        assertEquals(true, bytes < 256, "a digest key must cost bytes: " + bytes);
    }

    @Test
    void text_equalLongTextsAreEqualKeys_differentOnesNever() {
        String a = "z".repeat(5000);
        String differsAtTheEnd = "z".repeat(4999) + "y";
        assertEquals(Keys.text(a), Keys.text(new String(a.toCharArray())));
        assertEquals(Keys.text(a).hashCode(), Keys.text(new String(a.toCharArray())).hashCode());
        assertNotEquals(Keys.text(a), Keys.text(differsAtTheEnd));
        assertNotEquals(Keys.of(Keys.text(a), 1), Keys.of(Keys.text(differsAtTheEnd), 1));
        assertEquals(Keys.of(Keys.text(a), 1), Keys.of(Keys.text(new StringBuilder(a)), 1));
    }

    @Test
    void render_digestKeyRendersAsTheTextItStandsFor() {
        String text = "q:".repeat(THRESHOLD);
        String fromText = KeyWriter.forKey(THRESHOLD).literal("op:").value(text).toString();
        String fromDigest = KeyWriter.forKey(THRESHOLD).literal("op:").value(Keys.text(text)).toString();
        assertEquals(fromText, fromDigest);
        assertEquals(fromText, "op:" + Keys.text(text));
        KeyWriter list = KeyWriter.forKey(THRESHOLD);
        list.value(List.of(Keys.text(text)));
        assertEquals("[" + fromText.substring(3) + "]", list.toString());
        String pattern = KeyWriter.forPattern(THRESHOLD).literal("op:").value(Keys.text(text)).toString();
        assertEquals(KeyWriter.forPattern(THRESHOLD).literal("op:").value(text).toString(), pattern);
    }

    @Test
    void textThreshold_followsTheRuntimeSetting() {
        Keys.textThreshold(10);
        assertInstanceOf(Keys.LongText.class, Keys.text("eleven-long"));
        assertSame("ten-chars!", Keys.text("ten-chars!"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Keys.textThreshold(0));
        assertEquals("text threshold must be positive: 0", e.getMessage());
    }
}
