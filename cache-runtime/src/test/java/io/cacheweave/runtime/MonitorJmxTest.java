package io.cacheweave.runtime;

import io.cacheweave.runtime.testing.ManualClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.MemorySettings;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.MonitorJmx;
import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** The MBeans, read through the platform MBean server as jconsole reads them. */
class MonitorJmxTest {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void mbeans_registeredWhileTheRuntimeIsOpen() throws Exception {
        ObjectName global = new ObjectName("io.cacheweave:type=Cacheweave");
        ObjectName op = new ObjectName("io.cacheweave:type=Operation,name=jmx-lookup");
        CacheRuntime runtime = CacheRuntime.builder().settings(Settings.create()).clock(new ManualClock()).build();
        try {
            MethodCache m = WovenCalls.attach(runtime, "jmx-lookup", 90);
            WovenCalls.call(m, "1", () -> "one");
            WovenCalls.call(m, "1", () -> "one");
            WovenCalls.call(m, "2", () -> "two");
            ((RuntimeMonitor) runtime.monitor()).registerBeansNow(); // instead of waiting for MonitorBeans.DELAY_MILLIS
            assertTrue(server.isRegistered(global));
            assertTrue(server.isRegistered(op));
            assertEquals("jmx-lookup", server.getAttribute(op, "Operation"));
            assertEquals(1L, server.getAttribute(op, "Hits"));
            assertEquals(2L, server.getAttribute(op, "Misses"));
            assertEquals(1.0 / 3, (Double) server.getAttribute(op, "HitRatio"), 1e-9);
            assertEquals(2L, server.getAttribute(op, "Loads"));
            assertEquals(90L, server.getAttribute(op, "TtlSeconds"));
            assertTrue((Long) server.getAttribute(op, "MemoryBytes") > 0);
            assertEquals(2L, server.getAttribute(op, "MemoryEntries"));
            assertEquals(MemorySettings.create().maxEntries(), server.getAttribute(op, "MemoryMaxEntries"));
            assertEquals(Settings.create().memory().maxBytes(), server.getAttribute(op, "MemoryMaxBytes"),
                    "the default byte bound (cacheweave.l1.max-bytes)");
            assertEquals(1L, server.getAttribute(op, "SavedCalls"));
            double meanLoad = (Double) server.getAttribute(op, "SavedMeanLoadMillis");
            assertTrue(meanLoad > 0, "two timed loads: " + meanLoad);
            assertEquals(meanLoad, (Double) server.getAttribute(op, "SavedTimeEstimateMillis"), 1e-6, "one hit");
            assertEquals(1L, server.getAttribute(global, "SavedCalls"));
            assertEquals(meanLoad, (Double) server.getAttribute(global, "SavedTimeEstimateMillis"), 1e-6);
            assertEquals(2L, server.getAttribute(global, "MemoryEntries"));
            assertEquals(MemorySettings.create().maxEntries(), server.getAttribute(global, "MemoryMaxEntries"));
            assertEquals(Settings.create().memory().maxBytes(), server.getAttribute(global, "MemoryMaxBytes"),
                    "the sum of the tiers' byte bounds: one tier here");
            assertEquals(1, server.getAttribute(global, "OperationCount"));
            assertEquals(1L, server.getAttribute(global, "Hits"));
            assertEquals("none", server.getAttribute(global, "SharedTier"));
            assertEquals(-1L, server.getAttribute(global, "RedisUsedMemoryBytes"));
            assertTrue(((String) server.getAttribute(global, "SnapshotJson")).contains("\"jmx-lookup\""));
        } finally {
            runtime.close();
        }
        assertFalse(server.isRegistered(op));
        assertFalse(server.isRegistered(global));
    }

    @Test
    void mbeans_aLaterRuntimeTakesTheNamesOver_andClosingTheEarlierOneLeavesThem() throws Exception {
        CacheRuntime first = CacheRuntime.builder().settings(Settings.create()).clock(new ManualClock()).build();
        CacheRuntime second = CacheRuntime.builder().settings(Settings.create()).clock(new ManualClock()).build();
        try {
            WovenCalls.attach(first, "jmx-shared", 60);
            MethodCache m = WovenCalls.attach(second, "jmx-shared", 60);
            WovenCalls.call(m, "1", () -> "one");
            ((RuntimeMonitor) first.monitor()).registerBeansNow();
            ((RuntimeMonitor) second.monitor()).registerBeansNow();
            first.close();
            ObjectName op = MonitorJmx.operationName("jmx-shared");
            assertTrue(server.isRegistered(op));
            assertEquals(1L, server.getAttribute(op, "Misses"), "the second runtime's counters");
        } finally {
            second.close();
        }
        assertFalse(server.isRegistered(MonitorJmx.runtimeName()));
    }

    @Test
    void mbeans_registeredInTheBackgroundAfterTheDelay_includingOperationsSeenBefore() throws Exception {
        long built = System.nanoTime();
        CacheRuntime runtime = CacheRuntime.builder().settings(Settings.create()).clock(new ManualClock()).build();
        try {
            WovenCalls.attach(runtime, "jmx-later", 60);
            ObjectName op = MonitorJmx.operationName("jmx-later");
            boolean registeredAtOnce = server.isRegistered(op);
            if (System.nanoTime() - built < java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
                    MonitorBeans.DELAY_MILLIS)) { // (a machine that stalled this test for the delay proves nothing)
                assertFalse(registeredAtOnce, "not registered on the caller's thread");
            }
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(
                    MonitorBeans.DELAY_MILLIS + 10_000);
            while (!server.isRegistered(op) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(server.isRegistered(op), "registered by the monitor's thread after the delay");
            assertTrue(server.isRegistered(MonitorJmx.runtimeName()));
            WovenCalls.attach(runtime, "jmx-after", 60);
            ObjectName after = MonitorJmx.operationName("jmx-after");
            while (!server.isRegistered(after) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertTrue(server.isRegistered(after), "an operation seen after the delay is registered at once");
        } finally {
            runtime.close();
        }
        assertFalse(server.isRegistered(MonitorJmx.operationName("jmx-later")));
    }

    @Test
    void mbeans_offBySetting() {
        CacheRuntime runtime = CacheRuntime.builder().settings(Settings.builder().monitor(m -> m.jmx(false))
                .build()).clock(new ManualClock()).build();
        try {
            WovenCalls.attach(runtime, "jmx-off", 60);
            assertFalse(server.isRegistered(MonitorJmx.operationName("jmx-off")));
        } finally {
            runtime.close();
        }
    }

    @Test
    void operationName_quotesNamesWithSpecialCharacters() {
        ObjectName plain = MonitorJmx.operationName("summarize");
        assertEquals("io.cacheweave", plain.getDomain());
        assertEquals("Operation", plain.getKeyProperty("type"));
        assertEquals("summarize", plain.getKeyProperty("name"));
        assertEquals("a,b=c", ObjectName.unquote(MonitorJmx.operationName("a,b=c").getKeyProperty("name")));
    }
}
