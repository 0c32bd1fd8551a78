package io.cacheweave.runtime.codec;

import static io.cacheweave.runtime.codec.CodecFixtures.SUMMARY_LIST;
import static io.cacheweave.runtime.codec.CodecFixtures.summary;
import static io.cacheweave.runtime.codec.CodecFixtures.typeOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.core.type.TypeReference;
import io.cacheweave.runtime.codec.CodecFixtures.Score;
import io.cacheweave.runtime.codec.CodecFixtures.Summary;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Values come back equal, for every algorithm (threshold 0, so everything non-trivial is compressed). */
class JsonValueCodecRoundTripTest {

    enum Mood { CALM, VERY_EXCITED }

    record Timestamps(Instant at, LocalDate day, LocalDateTime local, LocalTime time, OffsetDateTime offset,
            ZonedDateTime zoned, Duration took, Period period, YearMonth month, ZoneId zone) {
    }

    record Page<T>(List<T> items, int total, Optional<String> next) {
    }

    record Analysis(Mood mood, Map<String, List<Optional<Score>>> scores, long[] counts, Optional<Summary> summary) {
    }

    record SummaryV2(String title, List<String> keyPoints, int wordCount, String language) {
    }

    static Stream<JsonValueCodec> codecs() {
        return Stream.of(
                JsonValueCodec.builder().compression(Compression.NONE).build(),
                JsonValueCodec.builder().compression(Compression.DEFLATE).threshold(0).build(),
                JsonValueCodec.builder().compression(Compression.ZSTD).threshold(0).build(),
                JsonValueCodec.builder().compression(Compression.LZ4).threshold(0).build(),
                JsonValueCodec.create());
    }

    private static Object roundTrip(JsonValueCodec codec, Object value, Type type) {
        return codec.decode(codec.encode(value, type), type);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void roundTrip_text(JsonValueCodec codec) {
        for (String text : List.of("", "summary", "héllo wörld 😀 \u0000\u001f \"quoted\" \\ </script>",
                "line\nbreak\ttab", "x".repeat(5000))) {
            assertEquals(text, roundTrip(codec, text, String.class));
        }
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void roundTrip_boxedPrimitivesAndNumbers(JsonValueCodec codec) {
        assertEquals(Long.MAX_VALUE, roundTrip(codec, Long.MAX_VALUE, Long.class));
        assertEquals(Long.MIN_VALUE, roundTrip(codec, Long.MIN_VALUE, long.class));
        assertEquals(-7, roundTrip(codec, -7, int.class));
        assertEquals(0.1 + 0.2, roundTrip(codec, 0.1 + 0.2, Double.class));
        assertEquals(Boolean.TRUE, roundTrip(codec, true, boolean.class));
        assertEquals('x', roundTrip(codec, 'x', Character.class));
        assertEquals(new BigDecimal("12345678901234567890.000000000000000001"),
                roundTrip(codec, new BigDecimal("12345678901234567890.000000000000000001"), BigDecimal.class));
        assertEquals(BigInteger.TWO.pow(200), roundTrip(codec, BigInteger.TWO.pow(200), BigInteger.class));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void roundTrip_arrays(JsonValueCodec codec) {
        int[] ints = {1, -2, Integer.MAX_VALUE, Integer.MIN_VALUE};
        assertArrayEquals(ints, (int[]) roundTrip(codec, ints, int[].class));
        long[] longs = new long[3000];
        for (int i = 0; i < longs.length; i++) {
            longs[i] = i * 31L;
        }
        assertArrayEquals(longs, (long[]) roundTrip(codec, longs, long[].class));
        byte[] bytes = {0, 1, -1, 127, -128};
        assertArrayEquals(bytes, (byte[]) roundTrip(codec, bytes, byte[].class));
        Summary[] summaries = {summary(1), summary(2)};
        assertArrayEquals(summaries, (Summary[]) roundTrip(codec, summaries, Summary[].class));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void roundTrip_record(JsonValueCodec codec) {
        assertEquals(summary(1), roundTrip(codec, summary(1), Summary.class));
        assertEquals(new Summary(null, List.of(), 0), roundTrip(codec, new Summary(null, List.of(), 0),
                Summary.class));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void roundTrip_listOfRecords(JsonValueCodec codec) {
        List<Summary> summaries = List.of(summary(1), summary(2), summary(3));
        Object back = roundTrip(codec, summaries, SUMMARY_LIST);
        assertEquals(summaries, back);
        assertInstanceOf(Summary.class, ((List<?>) back).get(0));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void roundTrip_mapOfRecords(JsonValueCodec codec) {
        Map<String, Score> scores = new LinkedHashMap<>();
        scores.put("positive", new Score("positive", 0.91));
        scores.put("neg:ative", new Score("negative", 0.09));
        Type type = typeOf(new TypeReference<Map<String, Score>>() { });
        Object back = roundTrip(codec, scores, type);
        assertEquals(scores, back);
        assertEquals(List.of("positive", "neg:ative"), List.copyOf(((Map<?, ?>) back).keySet()), "order kept");
        assertEquals(new TreeMap<>(scores), roundTrip(codec, new TreeMap<>(scores), type));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void roundTrip_optional(JsonValueCodec codec) {
        Type type = typeOf(new TypeReference<Optional<Summary>>() { });
        assertEquals(Optional.of(summary(4)), roundTrip(codec, Optional.of(summary(4)), type));
        assertEquals(Optional.empty(), roundTrip(codec, Optional.empty(), type));
        Type text = typeOf(new TypeReference<Optional<String>>() { });
        assertEquals(Optional.of("x"), roundTrip(codec, Optional.of("x"), text));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void roundTrip_javaTime(JsonValueCodec codec) {
        Timestamps times = new Timestamps(
                Instant.parse("2026-03-01T10:15:30.123456789Z"),
                LocalDate.of(2026, 2, 28),
                LocalDateTime.of(2026, 1, 2, 3, 4, 5, 6),
                LocalTime.of(23, 59, 59, 999_999_999),
                OffsetDateTime.of(2026, 6, 1, 12, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)),
                ZonedDateTime.of(2026, 10, 25, 2, 30, 0, 0, ZoneId.of("Europe/Paris")),
                Duration.ofHours(2).plusNanos(1),
                Period.of(1, 2, 3),
                YearMonth.of(2026, 12),
                ZoneId.of("America/New_York"));
        assertEquals(times, roundTrip(codec, times, Timestamps.class));
        assertEquals(times.at(), roundTrip(codec, times.at(), Instant.class));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void roundTrip_nestedGenerics(JsonValueCodec codec) {
        Type type = typeOf(new TypeReference<Page<Map<String, List<Optional<Score>>>>>() { });
        Map<String, List<Optional<Score>>> item = new LinkedHashMap<>();
        item.put("a", List.of(Optional.of(new Score("x", 1.5)), Optional.empty()));
        item.put("b", List.of());
        Page<Map<String, List<Optional<Score>>>> page = new Page<>(List.of(item, Map.of()), 2, Optional.of("p2"));
        assertEquals(page, roundTrip(codec, page, type));

        Analysis analysis = new Analysis(Mood.VERY_EXCITED, item, new long[] {3, 4}, Optional.of(summary(9)));
        Analysis back = (Analysis) roundTrip(codec, analysis, Analysis.class);
        assertEquals(analysis.mood(), back.mood());
        assertEquals(analysis.scores(), back.scores());
        assertArrayEquals(analysis.counts(), back.counts());
        assertEquals(analysis.summary(), back.summary());

        Type sets = typeOf(new TypeReference<Map<Mood, Set<String>>>() { });
        Map<Mood, Set<String>> moods = Map.of(Mood.CALM, Set.of("a", "b"));
        assertEquals(moods, roundTrip(codec, moods, sets));
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void roundTrip_declaredObject_givesPlainJsonTypes(JsonValueCodec codec) {
        Object back = roundTrip(codec, summary(1), Object.class);
        assertEquals(Map.of("title", "title 1", "keyPoints", List.of("first point of 1", "second point"),
                "wordCount", 101), back);
        assertInstanceOf(LinkedHashMap.class, back);
    }

    @Test
    void decode_recordOfAnotherShape_isUndecodable() {
        JsonValueCodec codec = JsonValueCodec.create();
        SummaryV2 newer = new SummaryV2("t", List.of("p"), 3, "en");
        assertEquals(CodecException.Reason.UNDECODABLE, CodecFixtures.reason(() -> codec.decode(
                codec.encode(newer, SummaryV2.class), Summary.class)), "a component this record does not have");
        assertEquals(CodecException.Reason.UNDECODABLE, CodecFixtures.reason(() -> codec.decode(codec.encode(
                new Summary("t", List.of("p"), 3), Summary.class), SummaryV2.class)), "a component missing");
    }

    @Test
    void encode_subclassOfDeclaredType_writesDeclaredShape() {
        JsonValueCodec codec = JsonValueCodec.create();
        List<Summary> list = new java.util.ArrayList<>(List.of(summary(1)));
        Object back = codec.decode(codec.encode(list, SUMMARY_LIST), SUMMARY_LIST);
        assertEquals(list, back);
        CharSequence text = "chars";
        assertEquals("chars", codec.decode(codec.encode(text, CharSequence.class), String.class));
    }

    @Test
    void decode_sameBytesTwice_equalValues() {
        JsonValueCodec codec = JsonValueCodec.create();
        byte[] bytes = codec.encode(summary(1), Summary.class);
        assertEquals(codec.decode(bytes, Summary.class), codec.decode(bytes, Summary.class));
    }
}
