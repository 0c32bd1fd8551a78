package io.cacheweave.spring.actuate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cacheweave.runtime.CacheRuntime;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The Actuator endpoint {@code cacheweave}: a read gives the monitor's snapshot (the JSON of
 * {@code CacheMonitor.snapshotJson()}, field for field, plus each {@link CacheweaveEndpointSection} bean's section, such
 * as the chat caches' {@code llm}); a write invalidates an operation or a pattern, under
 * Actuator's own exposure and access control ({@code management.endpoints.web.exposure.include=cacheweave},
 * {@code management.endpoint.cacheweave.access}).
 */
@Endpoint(id = "cacheweave")
public class CacheweaveEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final CacheRuntime runtime;
    private final Iterable<CacheweaveEndpointSection> sections;

    /** @param runtime the application's runtime */
    public CacheweaveEndpoint(CacheRuntime runtime) {
        this(runtime, List.of());
    }

    /**
     * @param runtime the application's runtime
     * @param sections more sections of the read (read at each call, so a lazy view of beans will do)
     */
    public CacheweaveEndpoint(CacheRuntime runtime, Iterable<CacheweaveEndpointSection> sections) {
        this.runtime = runtime;
        this.sections = sections;
    }

    /** @return the monitor's snapshot, and the sections (the chat caches' {@code llm}) */
    @ReadOperation
    public Map<String, Object> snapshot() {
        Map<String, Object> snapshot;
        try {
            snapshot = JSON.readValue(runtime.monitor().snapshotJson(), MAP);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the monitor's snapshot is not JSON: " + e.getMessage(), e);
        }
        for (CacheweaveEndpointSection section : sections) {
            snapshot.putIfAbsent(section.name(), section.content());
        }
        return snapshot;
    }

    /**
     * Invalidates every entry of one operation (a Spring cache name, a {@code @Cached} operation) or every entry whose
     * logical key matches a glob, on every tier and node.
     *
     * @param operation an operation, or {@code null} when {@code pattern} is given
     * @param pattern a glob over logical keys ({@code books:*}), or {@code null} when {@code operation} is given
     * @param context why, counted per context by the monitor; {@code actuator} when not given
     * @return the target and how many entries went
     */
    @WriteOperation
    public Map<String, Object> invalidate(@Nullable String operation, @Nullable String pattern,
            @Nullable String context) {
        boolean byOperation = operation != null && !operation.isBlank();
        boolean byPattern = pattern != null && !pattern.isBlank();
        if (byOperation == byPattern) {
            throw new InvalidEndpointRequestException("give exactly one of operation and pattern",
                    "give exactly one of operation and pattern");
        }
        String why = context == null || context.isBlank() ? "actuator" : context;
        try {
            long removed = byOperation ? runtime.operation(operation, why) : runtime.pattern(pattern, why);
            return Map.of(byOperation ? "operation" : "pattern", byOperation ? operation : pattern,
                    "context", why, "removed", removed);
        } catch (IllegalArgumentException e) {
            throw new InvalidEndpointRequestException(e.getMessage(), e.getMessage());
        }
    }
}
