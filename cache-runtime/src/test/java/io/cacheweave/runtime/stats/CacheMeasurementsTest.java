package io.cacheweave.runtime.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.testing.Snapshots;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class CacheMeasurementsTest {

    @Test
    void of_sample_countsPerMeter_andEveryKeyOnce() {
        List<CacheMeasurements.Measurement> all = CacheMeasurements.of(Snapshots.sample(0));
        Set<CacheMeasurements.Key> keys = new HashSet<>();
        all.forEach(m -> assertEquals(true, keys.add(m.key()), "twice: " + m.key()));
        Map<CacheMeter, Long> perMeter = all.stream()
                .collect(Collectors.groupingBy(CacheMeasurements.Measurement::meter, Collectors.counting()));
        assertEquals(4L, perMeter.get(CacheMeter.GETS), "2 operations x hit/miss");
        assertEquals(6L, perMeter.get(CacheMeter.TIER_GETS), "3 operation tiers x hit/miss");
        assertEquals(12L, perMeter.get(CacheMeter.TIER_GET_LATENCY), "3 operation tiers x 4 quantiles");
        assertEquals(6L, perMeter.get(CacheMeter.VALUE_BYTES), "3 size tiers x raw/stored");
        assertEquals(3L, perMeter.get(CacheMeter.SHARED_ERRORS));
        assertEquals(2L, perMeter.get(CacheMeter.ALERTS));
        assertEquals(1L, perMeter.get(CacheMeter.OPERATIONS));
        assertEquals(CacheMeter.values().length, perMeter.size(), "every meter has a value");
    }

    @Test
    void of_snapshotWithNullParts_givesTheRuntimeWideMeters() {
        MonitorSnapshot empty = new MonitorSnapshot(Snapshots.T0, Duration.ofHours(1), null, null, null, null, 0,
                null, null, null, null, null);
        assertEquals(List.of(
                new CacheMeasurements.Measurement(CacheMeter.ALERTS, List.of("WARNING"), 0),
                new CacheMeasurements.Measurement(CacheMeter.ALERTS, List.of("CRITICAL"), 0),
                new CacheMeasurements.Measurement(CacheMeter.OPERATIONS, List.of(), 0)), CacheMeasurements.of(empty));
    }

    @Test
    void breakerCode_states() {
        assertEquals(0, CacheMeasurements.breakerCode("CLOSED"));
        assertEquals(1, CacheMeasurements.breakerCode("half_open"));
        assertEquals(2, CacheMeasurements.breakerCode("OPEN"));
        assertEquals(-1, CacheMeasurements.breakerCode("FORCED_OPEN"));
        assertEquals(-1, CacheMeasurements.breakerCode(null));
    }

    @Test
    void of_supportingCaches_taggedInternal_everyOtherOperationNot() {
        List<CacheMeasurements.Measurement> all = CacheMeasurements.of(Snapshots.withSupporting(0));
        Set<String> supporting = Set.of("index-of-summarize", "summarize-manifest", "orphan-questions");
        long marked = 0;
        for (CacheMeasurements.Measurement m : all) {
            List<String> keys = m.meter().tagKeys();
            if (!keys.isEmpty() && keys.get(0).equals("cache")) {
                assertEquals(CacheMeter.INTERNAL_TAG, keys.get(keys.size() - 1), m.meter().meterName());
                String internal = m.tags().get(keys.size() - 1);
                assertEquals(String.valueOf(supporting.contains(m.tags().get(0))), internal, m.toString());
                marked += internal.equals("true") ? 1 : 0;
            } else {
                assertFalse(keys.contains(CacheMeter.INTERNAL_TAG), "runtime-wide: " + m.meter().meterName());
            }
        }
        assertTrue(marked > 0, "the supporting caches' measurements are there, marked: " + marked);
    }

    @Test
    void key_wrongNumberOfTags_namesTheMeterAndItsTags() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CacheMeasurements.Key(CacheMeter.GETS, List.of("summarize")));
        assertEquals("tags of cache.gets must be [cache, result, internal]: [summarize]", e.getMessage());
    }
}
