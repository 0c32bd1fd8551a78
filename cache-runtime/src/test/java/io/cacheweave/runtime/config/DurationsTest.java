package io.cacheweave.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    static Stream<Arguments> valid() {
        return Stream.of(
                Arguments.of("7200", Duration.ofHours(2)),
                Arguments.of("1", Duration.ofSeconds(1)),
                Arguments.of("500ms", Duration.ofMillis(500)),
                Arguments.of("30s", Duration.ofSeconds(30)),
                Arguments.of("30m", Duration.ofMinutes(30)),
                Arguments.of("2h", Duration.ofHours(2)),
                Arguments.of("1d", Duration.ofDays(1)),
                Arguments.of("2H", Duration.ofHours(2)),
                Arguments.of("500MS", Duration.ofMillis(500)),
                Arguments.of(" 2h\t", Duration.ofHours(2)),
                Arguments.of("PT2H", Duration.ofHours(2)),
                Arguments.of("pt90m", Duration.ofMinutes(90)),
                Arguments.of("P1DT1S", Duration.ofDays(1).plusSeconds(1)),
                Arguments.of("PT0.5S", Duration.ofMillis(500)),
                Arguments.of("0", Duration.ZERO),
                Arguments.of("-PT1H", Duration.ofHours(-1)));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("valid")
    void parse_valid(String text, Duration expected) {
        assertEquals(expected, Durations.parse(text));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", " ", "2 hours", "2 h", "h", "-5", "+5", "1.5h", "2w", "5sec", "PT", "P", "PTxH",
        "99999999999999999999", "9999999999999999d", "2h30m", "1e3"})
    void parse_invalid(String text) {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(text));
    }

    @Test
    void parsePositive_rejectsZeroAndNegative() {
        assertEquals(Duration.ofMinutes(1), Durations.parsePositive("60"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parsePositive("0"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parsePositive("0ms"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parsePositive("PT0S"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parsePositive("-PT1S"));
    }
}
