package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.LogCapture;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.event.Level;

import io.cacheweave.runtime.testing.ManualClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.codec.JsonValueCodec;
import io.cacheweave.runtime.config.MonitorSettings;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.CacheObserver;
import io.cacheweave.runtime.stats.MonitorSnapshot;
import io.cacheweave.runtime.tier.CircuitBreaker;
import io.cacheweave.runtime.tier.GuardedTier;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Alerts fire once per crossing; breaker changes reach observers and the tier health. */
class MonitorAlertsTest {
    @RegisterExtension
    final LogCapture logs = new LogCapture();

    private final ManualClock clock = new ManualClock();
    private final List<String> events = new CopyOnWriteArrayList<>();
    private CacheRuntime runtime;

    private final CacheObserver observer = new CacheObserver() {
        @Override
        public void onAlert(MonitorSnapshot.Alert alert) {
            events.add(alert.level() + " " + alert.kind() + " " + alert.subject());
        }

        @Override
        public void onBreakerStateChange(String tier, String from, String to) {
            events.add("breaker " + tier + " " + from + " " + to);
        }
    };

    private CacheRuntime runtime(java.util.function.Consumer<MonitorSettings.Builder> monitor) {
        runtime = CacheRuntime.builder().settings(Settings.builder().monitor(m -> monitor.accept(m.jmx(false)))
                .build()).clock(clock).build();
        runtime.monitor().addObserver(observer);
        return runtime;
    }

    @AfterEach
    void close() {
        if (runtime != null) {
            runtime.close();
        }
    }

    private static List<String> kinds(MonitorSnapshot s) {
        return s.alerts().stream().map(a -> a.level() + " " + a.kind()).toList();
    }

    @Test
    void memoryAlerts_raisedOncePerCrossing() throws Exception {
        MethodCache m = WovenCalls.attach(runtime(x -> x.memoryWarningBytes(1_000).memoryCriticalBytes(
                1_000_000)), "lookup", 60);
        assertEquals(List.of(), kinds(runtime.monitor().snapshot()));
        for (int i = 0; i < 20; i++) {
            WovenCalls.call(m, "key" + i, () -> "value");
        }
        assertEquals(List.of("WARNING memory"), kinds(runtime.monitor().snapshot()));
        runtime.monitor().snapshot();
        runtime.monitor().snapshot();
        assertEquals(List.of("WARNING memory "), events, "raised once while it stays above");

        runtime.invalidateOperation("lookup");
        assertEquals(List.of(), kinds(runtime.monitor().snapshot()), "cleared below the threshold");
        for (int i = 0; i < 20; i++) {
            WovenCalls.call(m, "key" + i, () -> "value");
        }
        MonitorSnapshot s = runtime.monitor().snapshot();
        assertEquals(List.of("WARNING memory"), kinds(s));
        assertEquals(List.of("WARNING memory ", "WARNING memory "), events, "raised again after going back under");
        assertTrue(s.alerts().get(0).message().contains("at least the warning threshold of 1000"),
                s.alerts().get(0).message());
        assertEquals("cacheweave.l1.max-entries", s.recommendations().get(s.recommendations().size() - 1).setting());
    }

    @Test
    void invalidationRate_raisedAboveThePerMinuteThreshold_clearedAMinuteLater() {
        runtime(x -> x.invalidationsPerMinute(2));
        runtime.invalidateOperation("a");
        runtime.invalidateOperation("a");
        assertEquals(List.of(), kinds(runtime.monitor().snapshot()), "2 is not more than 2");
        runtime.invalidateOperation("a");
        assertEquals(List.of("WARNING invalidation-rate"), kinds(runtime.monitor().snapshot()));
        runtime.invalidateOperation("a");
        runtime.monitor().snapshot();
        assertEquals(List.of("WARNING invalidation-rate "), events);
        clock.advance(Duration.ofSeconds(61));
        assertEquals(List.of(), kinds(runtime.monitor().snapshot()));
    }

    @Test
    void slowOperation_raisedWhenTheMeanLoadTimeExceedsTheThreshold() throws Exception {
        MethodCache m = WovenCalls.attach(runtime(x -> x.slowLoad(Duration.ofMillis(5))), "slow", 60);
        WovenCalls.call(m, "fast", () -> "v");
        assertEquals(List.of(), kinds(runtime.monitor().snapshot()));
        WovenCalls.call(m, "slow1", () -> {
            Thread.sleep(30);
            return "v";
        });
        MonitorSnapshot s = runtime.monitor().snapshot();
        assertEquals(List.of("WARNING slow-operation"), kinds(s));
        assertEquals("slow", s.alerts().get(0).subject());
        clock.advance(Duration.ofMinutes(2)); // the loads left the latency window
        assertEquals(List.of(), kinds(runtime.monitor().snapshot()));
        assertEquals(List.of("WARNING slow-operation slow"), events);
    }

    @Test
    void breaker_transitionsReachObserversAndTierHealth() throws Exception {
        InMemorySharedTier failing = new InMemorySharedTier(clock);
        failing.failing.set(true);
        CircuitBreaker breaker = CircuitBreaker.builder().name("test tier").failureThreshold(2)
                .nanoClock(clock::nanos).build();
        runtime = CacheRuntime.builder().settings(Settings.builder().monitor(m -> m.jmx(false)).build())
                .clock(clock).sharedTier(new GuardedTier(failing, breaker), JsonValueCodec.create()).build();
        runtime.monitor().addObserver(observer);
        MethodCache m = WovenCalls.textMethod(runtime, "lookup", 60, false);
        WovenCalls.call(m, "1", () -> "v"); // get fails, put fails: the breaker opens
        WovenCalls.call(m, "2", () -> "v"); // get and put skipped
        assertEquals(List.of("breaker shared CLOSED OPEN"), events);
        MonitorSnapshot s = runtime.monitor().snapshot();
        assertEquals(List.of(new MonitorSnapshot.TierHealth("shared", "test tier", "OPEN", 1, 2, 0, 2)), s.tiers());
    }
}
