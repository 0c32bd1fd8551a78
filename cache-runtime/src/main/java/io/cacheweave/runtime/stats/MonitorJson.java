package io.cacheweave.runtime.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.UncheckedIOException;

/**
 * {@link MonitorSnapshot} as JSON and back: every record component under its own name, instants and durations as
 * ISO-8601 text ({@code "2026-12-01T00:00:00Z"}, {@code "PT1H"}), latencies and times in nanoseconds. Unknown
 * properties are ignored when reading, so a reader of this version reads snapshots of later versions.
 */
public final class MonitorJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private MonitorJson() {
    }

    /** @param snapshot a snapshot @return it as JSON */
    public static String write(MonitorSnapshot snapshot) {
        try {
            return MAPPER.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("snapshot cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** @param json what {@link #write} wrote @return the snapshot */
    public static MonitorSnapshot read(String json) {
        try {
            return MAPPER.readValue(json, MonitorSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("json is not a monitor snapshot: " + e.getOriginalMessage(), e);
        }
    }
}
