package io.cacheweave.runtime.stats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Thresholds crossed and not yet back under. Each condition ({@code kind}, {@code level}, {@code subject}) is raised
 * once when it becomes true: logged at WARN and handed to {@code onRaise}; it stays in {@link #active()} while it
 * holds, and is raised again only after it was false at some check in between (logged at INFO when it clears).
 * Thread-safe.
 */
public final class Alerts {
    private static final Logger LOG = io.cacheweave.runtime.internal.LazyLogger.of(Alerts.class);

    private final Map<String, MonitorSnapshot.Alert> active = new LinkedHashMap<>();
    private final Consumer<MonitorSnapshot.Alert> onRaise;

    /** @param onRaise told about each alert when it is raised (observers) */
    public Alerts(Consumer<MonitorSnapshot.Alert> onRaise) {
        this.onRaise = onRaise;
    }

    /**
     * Checks one condition.
     *
     * @param kind {@code memory}, {@code slow-operation}, {@code invalidation-rate}
     * @param level {@code WARNING} or {@code CRITICAL}
     * @param subject the operation, or {@code ""}
     * @param crossed whether the threshold is crossed now
     * @param message what was crossed, with the value and the threshold; asked only when raised
     * @param now the time now
     * @return whether this check raised the alert
     */
    public boolean check(String kind, String level, String subject, boolean crossed, Supplier<String> message,
            Instant now) {
        String id = kind + '\u0000' + level + '\u0000' + subject;
        MonitorSnapshot.Alert raised = null;
        synchronized (this) {
            if (crossed && !active.containsKey(id)) {
                raised = new MonitorSnapshot.Alert(kind, level, subject, message.get(), now);
                active.put(id, raised);
            } else if (!crossed) {
                MonitorSnapshot.Alert cleared = active.remove(id);
                if (cleared != null) {
                    LOG.info("cacheweave: {} alert {}{} cleared: back under the threshold", level, kind,
                            subject.isEmpty() ? "" : " (" + subject + ")");
                }
            }
        }
        if (raised == null) {
            return false;
        }
        LOG.warn("cacheweave: {} alert {}{}: {}", level, kind, subject.isEmpty() ? "" : " (" + subject + ")",
                raised.message());
        onRaise.accept(raised);
        return true;
    }

    /** @return the alerts raised and not cleared, in the order they were raised */
    public synchronized List<MonitorSnapshot.Alert> active() {
        return new ArrayList<>(active.values());
    }
}
