package io.cacheweave.runtime.stats;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertsTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final List<MonitorSnapshot.Alert> raised = new ArrayList<>();
    private final Alerts alerts = new Alerts(raised::add);

    @Test
    void check_raisesOncePerCrossing() {
        Instant t0 = Instant.parse("2026-12-01T00:00:00Z");
        assertTrue(alerts.check("memory", "WARNING", "", true, () -> "over", t0));
        assertFalse(alerts.check("memory", "WARNING", "", true, () -> "over", t0.plusSeconds(10)));
        assertFalse(alerts.check("memory", "WARNING", "", true, () -> "over", t0.plusSeconds(20)));
        assertEquals(1, raised.size());
        assertEquals(List.of(new MonitorSnapshot.Alert("memory", "WARNING", "", "over", t0)), alerts.active());

        assertFalse(alerts.check("memory", "WARNING", "", false, () -> "over", t0.plusSeconds(30)));
        assertEquals(List.of(), alerts.active());
        assertFalse(alerts.check("memory", "WARNING", "", false, () -> "over", t0.plusSeconds(40)));

        assertTrue(alerts.check("memory", "WARNING", "", true, () -> "again", t0.plusSeconds(50)));
        assertEquals(2, raised.size());
        assertEquals("again", raised.get(1).message());
        assertEquals(t0.plusSeconds(50), raised.get(1).since());
    }

    @Test
    void check_levelsAndSubjectsAreSeparateConditions() {
        Instant t = Instant.parse("2026-12-01T00:00:00Z");
        alerts.check("memory", "WARNING", "", true, () -> "w", t);
        alerts.check("memory", "CRITICAL", "", true, () -> "c", t);
        alerts.check("slow-operation", "WARNING", "a", true, () -> "a", t);
        alerts.check("slow-operation", "WARNING", "b", false, () -> "b", t);
        assertEquals(3, raised.size());
        alerts.check("memory", "CRITICAL", "", false, () -> "c", t);
        assertEquals(List.of("w", "a"), alerts.active().stream().map(MonitorSnapshot.Alert::message).toList());
    }
}
