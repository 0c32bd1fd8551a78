package io.cacheweave.runtime.stats.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.Cache;
import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.stats.MonitorSnapshot;
import io.cacheweave.runtime.stats.OperationStats;
import io.cacheweave.runtime.testing.ScriptedMonitor;
import io.cacheweave.runtime.testing.Snapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The stats page in a real headless browser (Debian {@code chromium}): the page loads, its script polls
 * {@code /snapshot.json} a few times in virtual time, and the numbers it shows are checked against the snapshot
 * that was served last, including one that changes from poll to poll. Also takes a screenshot,
 * {@code target/stats-page.png}, for a person to look at.
 */
class StatsPageBrowserIT {
    private static final int REFRESH_MILLIS = 1000;

    @Test
    void page_showsTheSnapshotsNumbers_afterSeveralPolls() throws Exception {
        Chromium chromium = Chromium.find();
        ScriptedMonitor monitor = new ScriptedMonitor(Snapshots::sample);
        try (StatsPage page = StatsPage.start(monitor, "127.0.0.1", 0, Duration.ofMillis(REFRESH_MILLIS))) {
            PageDom dom = new PageDom(chromium.dumpDom(page.uri().toString(), 4 * REFRESH_MILLIS + 500));

            int polls = Integer.parseInt(dom.element("poll-count").get("data-value"));
            assertTrue(polls >= 3, "the page polled " + polls + " times in 4.5 s of virtual time");
            // The snapshot the page shows: the one whose takenAt it shows (a later request may still be in flight).
            String takenAt = dom.element("taken-at").get("data-value");
            List<MonitorSnapshot> served = monitor.served();
            int n = served.stream().map(s -> s.takenAt().toString()).toList().indexOf(takenAt);
            assertEquals(polls - 1, n, "poll k shows snapshot k - 1; served " + served.size());
            MonitorSnapshot shown = Snapshots.sample(n);
            assertEquals("10:00:0" + n, dom.text("taken-at"));

            Map<String, PageDom.Cell> summarize = dom.row("<tr data-op=\"summarize\">");
            assertEquals(String.valueOf(30 + 10 * n), summarize.get("hits").value(), "changes with every poll");
            for (MonitorSnapshot.Operation op : shown.operations()) {
                checkOperationRow(dom.row("<tr data-op=\"" + op.operation() + "\">"), op);
            }
            assertEquals("1.5 µs", summarize.get("p95").text());
            assertEquals("300.00 ms", summarize.get("avg-load").text(), "3 s over 9 loads and 1 failure");
            assertEquals("512.0 KiB / 1.0 MiB", summarize.get("memory-bytes").text(), "against its bound");
            assertEquals("50.0% of the bound", summarize.get("memory-bytes").attributes().get("title"));
            assertEquals("1,200 / 10,000", summarize.get("memory-entries").text());
            assertEquals("12.0% of the bound", summarize.get("memory-entries").attributes().get("title"));
            assertEquals("64.0 KiB", dom.row("<tr data-op=\"sentiment\">").get("memory-bytes").text(), "no bound");
            checkSaved(dom, shown);
            checkIdleIntervalsAreGaps(dom);
            assertEquals("52.7 KiB", summarize.get("stored-bytes").text());
            assertEquals("2 h", summarize.get("ttl").text());
            assertEquals("25.0%", dom.row("<tr data-op=\"sentiment\">").get("hit-ratio").text());

            Map<String, PageDom.Cell> redis = dom.row("<tr data-op=\"summarize\" data-tier=\"redis\">");
            assertEquals("12", redis.get("hits").text());
            assertEquals("1.50 ms", redis.get("get-p50").text());
            assertEquals("3.10 ms", redis.get("get-p99").text());
            assertEquals("2", redis.get("errors").text());

            assertTrue(dom.contains("summarize p99 3.1 ms over 2 ms"), "the alert");
            assertTrue(dom.contains("cacheweave.ttl.sentiment"), "the recommendation names its setting");
            assertEquals("HALF_OPEN", dom.row("<tr data-tier=\"redis\">").get("breaker").text());
            assertTrue(dom.contains("data-series=\"summarize\""), "hit ratio and p50 lines of summarize");
            assertTrue(dom.contains("data-series=\"sentiment p99\""), "p99 line of sentiment");
            assertTrue(dom.contains("summarize:hello"), "top keys");
            assertEquals("576.0 KiB", dom.text("memory-bytes"));
            assertEquals("1,280", dom.text("memory-entries"));
            assertEquals("6.4% of 20,000", dom.text("memory-entries-fill"));
            assertEquals("(no byte bound)", dom.text("memory-bytes-fill"), "sentiment's tier has none");
            assertEquals("live", dom.text("status"));
            assertTrue(dom.element("usage-section").containsKey("hidden"), "no usage saved at a source: no table");
            assertTrue(dom.element("usage-figure").containsKey("hidden"), "and no figure");

            Path png = Path.of("target", "stats-page.png");
            Files.deleteIfExists(png);
            chromium.screenshot(page.uri().toString(), 2 * REFRESH_MILLIS, png, 1400, 1500);
            assertTrue(Files.size(png) > 20_000, "screenshot of " + Files.size(png) + " bytes");
        }
    }

    @Test
    void page_showsUsageSavedAtTheSource_perCacheAndModel() throws Exception {
        ScriptedMonitor monitor = new ScriptedMonitor(Snapshots::withUsage);
        try (StatsPage page = StatsPage.start(monitor, "127.0.0.1", 0, Duration.ofMillis(REFRESH_MILLIS))) {
            PageDom dom = new PageDom(Chromium.find().dumpDom(page.uri().toString(), 2 * REFRESH_MILLIS + 500));
            int polls = Integer.parseInt(dom.element("poll-count").get("data-value"));
            int n = polls - 1; // poll k shows snapshot k - 1
            assertEquals("10:00:0" + n, dom.text("taken-at"));
            MonitorSnapshot shown = Snapshots.withUsage(n);
            assertTrue(!dom.element("usage-section").containsKey("hidden"), "the table is shown");
            assertTrue(!dom.element("usage-figure").containsKey("hidden"), "the figure is shown");

            Map<String, PageDom.Cell> gpt = dom.row("<tr data-usage=\"support/gpt-4o\">");
            MonitorSnapshot.UsageSaved row = shown.usageSaved().get(0);
            assertEquals("support", gpt.get("operation").text());
            assertEquals("gpt-4o", gpt.get("source").text());
            assertEquals(String.valueOf(3 + n), gpt.get("hits-exact").text(), "changes with every poll");
            assertEquals("1", gpt.get("hits-semantic").text());
            assertEquals("5", gpt.get("misses").text());
            assertEquals(String.format(Locale.ROOT, "%.1f%%", 100.0 * (4 + n) / (9 + n)), gpt.get("hit-ratio").text());
            assertEquals(String.format(Locale.US, "%,d", 1_200 * (4 + n)), gpt.get("units-input_tokens").text());
            assertEquals(String.valueOf(row.units().get("output tokens")), gpt.get("units-output_tokens").value());
            assertEquals(String.format(Locale.ROOT, "%.6f", row.cost()), gpt.get("cost").text());

            Map<String, PageDom.Cell> llama = dom.row("<tr data-usage=\"support/local-llama\">");
            assertEquals("2", llama.get("hits-exact").text());
            assertEquals("0", llama.get("hits-semantic").text(), "a kind the row lacks reads 0");
            assertEquals("800", llama.get("units-input_tokens").text());
            assertEquals("–", llama.get("cost").text());
            assertEquals("no price for this source", llama.get("cost").attributes().get("title"));

            assertEquals(String.format(Locale.ROOT, "%.6f", row.cost()), dom.text("usage-cost"), "priced rows");
            assertEquals(String.format(Locale.US, "%,d input tokens, %,d output tokens not processed again",
                    1_200 * (4 + n) + 800, 300 * (4 + n) + 150), dom.text("usage-units"));
            assertTrue(dom.contains("<th class=\"num\">semantic hits</th>"), "the face's own names");
            assertTrue(dom.contains("<th class=\"num\">input tokens saved</th>"));
        }
    }

    @Test
    void page_overARealRuntime_showsTheRowsOfARegisteredUsageSource() throws Exception {
        Settings settings = Settings.builder().monitor(m -> m.jmx(false)).build();
        try (CacheRuntime runtime = CacheRuntime.builder().settings(settings).build()) {
            java.util.concurrent.atomic.AtomicLong tokens = new java.util.concurrent.atomic.AtomicLong(42);
            runtime.monitor().addUsageSavings(() -> List.of(new MonitorSnapshot.UsageSaved("answers", "m1",
                    Map.of("exact", 1L), 1, Map.of("input tokens", tokens.get()), 0.25)));
            tokens.set(1_234_567);
            try (StatsPage page = StatsPage.start(runtime.monitor(), "127.0.0.1", 0,
                    Duration.ofMillis(REFRESH_MILLIS))) {
                PageDom dom = new PageDom(Chromium.find().dumpDom(page.uri().toString(), REFRESH_MILLIS + 500));
                Map<String, PageDom.Cell> row = dom.row("<tr data-usage=\"answers/m1\">");
                assertEquals("1,234,567", row.get("units-input_tokens").text(), "read at the snapshot");
                assertEquals("50.0%", row.get("hit-ratio").text());
                assertEquals("0.250000", dom.text("usage-cost"));
                assertEquals("1,234,567 input tokens not processed again", dom.text("usage-units"));
            }
        }
    }

    @Test
    void page_groupsSupportingCaches_dimmedUnderTheCacheTheyServe_andLeavesThemOutOfWhatIsTheApplications()
            throws Exception {
        ScriptedMonitor monitor = new ScriptedMonitor(Snapshots::withSupporting);
        try (StatsPage page = StatsPage.start(monitor, "127.0.0.1", 0, Duration.ofMillis(REFRESH_MILLIS))) {
            Chromium chromium = Chromium.find();
            PageDom dom = new PageDom(chromium.dumpDom(page.uri().toString(), 2 * REFRESH_MILLIS + 500));
            int n = Integer.parseInt(dom.element("poll-count").get("data-value")) - 1; // poll k shows snapshot k - 1
            assertEquals("10:00:0" + n, dom.text("taken-at"));
            MonitorSnapshot shown = Snapshots.withSupporting(n);

            // the operations table: each application operation, then the caches serving it; an orphan last
            List<String> order = List.of("<tr data-op=\"sentiment\">", "<tr data-op=\"summarize\">",
                    supportingRow("index-of-summarize", "summarize"), supportingRow("summarize-manifest", "summarize"),
                    supportingRow("orphan-questions", "gone"));
            int previous = -1;
            for (String row : order) {
                int at = dom.html().indexOf(row);
                assertTrue(at > previous, row + " after the row before it, in " + order);
                previous = at;
            }
            for (MonitorSnapshot.Operation op : shown.operations()) {
                checkOperationRow(dom.row(op.supporting() ? supportingRow(op.operation(), op.supports())
                        : "<tr data-op=\"" + op.operation() + "\">"), op);
            }
            Map<String, PageDom.Cell> manifest = dom.row(supportingRow("summarize-manifest", "summarize"));
            assertEquals("summarize-manifest", manifest.get("operation").text());
            assertEquals("summarize", manifest.get("operation").attributes().get("data-supports"));
            assertTrue(manifest.get("operation").attributes().get("title").startsWith(
                    "an internal cache that serves summarize, not an operation of yours"));
            assertEquals("0.0%", manifest.get("hit-ratio").text());
            assertTrue(!manifest.get("hit-ratio").attributes().get("class").contains("bad"),
                    "a library's lookups: no red flag");
            assertTrue(dom.row("<tr data-op=\"sentiment\">").get("operation").attributes().get("title") == null);

            // the header counts the application's calls: summarize 40 + 10 n and sentiment 20
            assertEquals(String.valueOf(shown.saved().calls()), dom.element("saved-calls").get("data-value"));
            assertEquals(35 + 10L * n, shown.saved().calls(), "the supporting caches' hits are not in the total");
            assertEquals(String.format(Locale.US, "%.1f%% of %,d calls, without running the method",
                    100.0 * (35 + 10 * n) / (60 + 10 * n), 60 + 10 * n), dom.text("saved-calls-detail"));

            // hit ratio and time saved: the application's lines only; memory: every cache
            for (String chart : List.of("chart-hit-ratio", "chart-saved")) {
                Set<String> series = series(dom, chart);
                assertTrue(series.contains("summarize"), chart + ": " + series);
                assertTrue(Snapshots.SUPPORTING.stream().noneMatch(series::contains), chart + ": " + series);
            }
            assertTrue(series(dom, "chart-memory").contains("summarize-manifest"), "its memory is real memory");

            assertEquals("40", dom.row("<tr data-op=\"summarize-manifest\" data-tier=\"memory\" data-supports="
                    + "\"summarize\" class=\"supporting\">").get("misses").text(), "its tier row, marked too");
            assertEquals("summarize-manifest", dom.row("<tr data-key=\"2\" class=\"supporting\">").get("operation")
                    .text(), "its top key, dimmed");
            assertEquals("summarize", dom.row("<tr data-key=\"0\">").get("operation").text());

            Path png = Path.of("target", "stats-page-supporting.png");
            Files.deleteIfExists(png);
            chromium.screenshot(page.uri().toString(), 2 * REFRESH_MILLIS, png, 1400, 1500);
            assertTrue(Files.size(png) > 20_000, "screenshot of " + Files.size(png) + " bytes");
        }
    }

    @Test
    void page_overARealRuntime_showsASupportingCacheUnderItsCache_withoutAdviceForIt() throws Exception {
        Settings settings = Settings.builder().monitor(m -> m.jmx(false)).build();
        try (CacheRuntime runtime = CacheRuntime.builder().settings(settings).build()) {
            Cache<String, String> chat = runtime.cache("browser-chat", String.class);
            Cache<String, String> vectors = runtime.<String, String>cacheBuilder("browser-0-vectors")
                    .valueType(String.class).supporting("browser-chat").build();
            for (int i = 0; i < 25; i++) { // a 0% hit ratio in both, past the calls advice waits for
                assertEquals(null, chat.get("q" + i));
                assertEquals(null, vectors.get("v" + i));
            }
            try (StatsPage page = StatsPage.start(runtime.monitor(), "127.0.0.1", 0,
                    Duration.ofMillis(REFRESH_MILLIS))) {
                PageDom dom = new PageDom(Chromium.find().dumpDom(page.uri().toString(), REFRESH_MILLIS + 500));
                String own = "<tr data-op=\"browser-chat\">";
                String internal = supportingRow("browser-0-vectors", "browser-chat");
                assertTrue(dom.html().indexOf(own) >= 0 && dom.html().indexOf(own) < dom.html().indexOf(internal),
                        "listed under the cache it serves, though its name sorts first");
                assertEquals("25", dom.row(internal).get("misses").text());
                assertEquals("num bad", dom.row(own).get("hit-ratio").attributes().get("class"));
                assertEquals("num ", dom.row(internal).get("hit-ratio").attributes().get("class"));
                assertTrue(dom.contains("cacheweave.ttl.browser-chat"), "the application's cache is advised");
                assertTrue(!dom.contains("cacheweave.ttl.browser-0-vectors"), "the supporting cache is not");
                assertEquals("live", dom.text("status"));
            }
        }
    }

    private static String supportingRow(String operation, String supports) {
        return "<tr data-op=\"" + operation + "\" data-supports=\"" + supports + "\" class=\"supporting\">";
    }

    private static Set<String> series(PageDom dom, String chart) {
        Set<String> names = new HashSet<>();
        dom.inChart(chart, "path").stream().filter(p -> p.containsKey("data-series"))
                .forEach(p -> names.add(p.get("data-series")));
        return names;
    }

    @Test
    void page_readsTimesWrittenAsNumbers() throws Exception {
        ScriptedMonitor monitor = ScriptedMonitor.withNumericTimes(Snapshots::sample);
        assertTrue(monitor.snapshotJson().startsWith("{\"takenAt\":1768471200.000000000,"), "decimal seconds");
        try (StatsPage page = StatsPage.start(monitor, "127.0.0.1", 0, Duration.ofMillis(REFRESH_MILLIS))) {
            PageDom dom = new PageDom(Chromium.find().dumpDom(page.uri().toString(), REFRESH_MILLIS + 500));
            int polls = Integer.parseInt(dom.element("poll-count").get("data-value"));
            assertTrue(polls >= 1, "polls: " + polls);
            assertEquals("10:00:0" + polls, dom.text("taken-at"), "poll k shows snapshot k (the JSON above was 0)");
            assertEquals("1 h", dom.text("retention"));
            assertEquals("2 h", dom.row("<tr data-op=\"summarize\">").get("ttl").text());
            assertEquals("1 d", dom.row("<tr data-op=\"sentiment\">").get("ttl").text());
            assertTrue(dom.contains(">09:59:55<"), "the alert's since");
            assertTrue(dom.contains(">09:50:0" + polls + "</text>"), "the charts' first time label");
        }
    }

    @Test
    void page_overARealRuntime_showsItsMonitorsNumbers() throws Exception {
        Settings settings = Settings.builder().monitor(m -> m.jmx(false)).build();
        try (CacheRuntime runtime = CacheRuntime.builder().settings(settings).build()) {
            Cache<String, String> notes = runtime.cache("browser-notes", String.class);
            notes.put("a", "first");
            notes.put("b", "second");
            for (int i = 0; i < 3; i++) {
                assertEquals("first", notes.get("a"));
            }
            assertEquals(null, notes.get("absent"));
            assertEquals("loaded", notes.getOrLoad("c", k -> "loaded"));
            OperationStats expected = runtime.stats("browser-notes").orElseThrow();
            assertEquals(3, expected.hits());
            assertEquals(2, expected.misses());
            assertEquals(1, expected.loads());

            try (StatsPage page = StatsPage.start(runtime.monitor(), "127.0.0.1", 0,
                    Duration.ofMillis(REFRESH_MILLIS))) {
                PageDom dom = new PageDom(Chromium.find().dumpDom(page.uri().toString(), REFRESH_MILLIS + 500));
                Map<String, PageDom.Cell> row = dom.row("<tr data-op=\"browser-notes\">");
                assertEquals("3", row.get("hits").text());
                assertEquals("2", row.get("misses").text());
                assertEquals("60.0%", row.get("hit-ratio").text());
                assertEquals("1", row.get("loads").text());
                assertEquals("–", row.get("p50").text(), "memory-tier hits are counted, not timed");
                assertEquals("1 h", row.get("ttl").text());
                assertTrue(dom.contains("Memory tier only."), "no shared tier");
                assertEquals("live", dom.text("status"));
            }
        }
    }

    @Test
    void page_overARealRuntime_keysSharingA200CharacterPrefixAreDistinguishable_andSavedTimeIsTheSnapshots()
            throws Exception {
        Settings settings = Settings.builder().monitor(m -> m.jmx(false)).build();
        String prefix = "Cacheweave: caches, the results of slow methods. ".repeat(5).substring(0, 200);
        try (CacheRuntime runtime = CacheRuntime.builder().settings(settings).build()) {
            Cache<String, String> texts = runtime.cache("browser-texts", String.class);
            for (int i = 0; i < 6; i++) {
                String key = prefix + " part " + i;
                assertEquals("v" + i, texts.getOrLoad(key, k -> slowly("v" + key.charAt(key.length() - 1))));
                assertEquals("v" + i, texts.get(key));
            }
            MonitorSnapshot before = runtime.monitor().snapshot();
            try (StatsPage page = StatsPage.start(runtime.monitor(), "127.0.0.1", 0,
                    Duration.ofMillis(REFRESH_MILLIS))) {
                PageDom dom = new PageDom(Chromium.find().dumpDom(page.uri().toString(), REFRESH_MILLIS + 500));
                MonitorSnapshot after = runtime.monitor().snapshot();

                assertEquals(6, before.topKeys().size());
                Set<String> labels = new HashSet<>();
                for (int i = 0; i < 6; i++) {
                    Map<String, PageDom.Cell> row = dom.row("<tr data-key=\"" + i + "\">");
                    PageDom.Cell key = row.get("key");
                    assertEquals(before.topKeys().get(i).key(), key.attributes().get("title"), "full key on hover");
                    assertTrue(key.attributes().get("title").startsWith("browser-texts:Cacheweave\\: caches\\,"));
                    assertTrue(key.text().length() <= 96 && !key.text().contains("\\"), key.text());
                    assertTrue(key.text().startsWith("Cacheweave: caches, the results"), key.text());
                    assertEquals("browser-texts", row.get("operation").text());
                    labels.add(key.text());
                }
                assertEquals(6, labels.size(), "each key tells itself apart: " + labels);

                long savedNanos = after.saved().estimatedNanos();
                assertEquals(before.saved(), after.saved(), "no call in between");
                assertEquals(6, after.saved().calls());
                assertTrue(savedNanos >= 6 * 2_000_000L, "six hits of loads that slept 2 ms: " + savedNanos);
                assertEquals(String.valueOf(savedNanos), dom.element("saved-time").get("data-value"));
                assertEquals("≈ " + span(savedNanos), dom.text("saved-time"));
                Map<String, PageDom.Cell> row = dom.row("<tr data-op=\"browser-texts\">");
                assertEquals(String.valueOf(savedNanos), row.get("saved-time").value());
                assertEquals("6", dom.text("saved-calls"));
            }
        }
    }

    private static String slowly(String value) {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return value;
    }

    /** The header and each row show the snapshot's estimate, as the snapshot states it. */
    private static void checkSaved(PageDom dom, MonitorSnapshot shown) {
        assertEquals(String.valueOf(shown.saved().calls()), dom.element("saved-calls").get("data-value"));
        assertEquals(String.valueOf(shown.saved().estimatedNanos()), dom.element("saved-time").get("data-value"));
        assertEquals("≈ " + span(shown.saved().estimatedNanos()), dom.text("saved-time"));
        for (MonitorSnapshot.Operation op : shown.operations()) {
            PageDom.Cell cell = dom.row("<tr data-op=\"" + op.operation() + "\">").get("saved-time");
            assertEquals(String.valueOf(op.saved().estimatedNanos()), cell.value(), op.operation());
            assertEquals("≈ " + span(op.saved().estimatedNanos()), cell.text(), op.operation());
        }
        assertEquals("≈ 1.5 s", dom.row("<tr data-op=\"sentiment\">").get("saved-time").text(), "5 hits x 300 ms");
    }

    /** sentiment had no call in two intervals: its lines break there, and each line has its own dash pattern. */
    private static void checkIdleIntervalsAreGaps(PageDom dom) {
        for (String chart : List.of("chart-hit-ratio", "chart-saved")) {
            Map<String, Map<String, String>> lines = new HashMap<>();
            dom.inChart(chart, "path").stream().filter(p -> p.containsKey("data-series"))
                    .forEach(p -> lines.put(p.get("data-series"), p));
            Map<String, String> sentiment = lines.get("sentiment");
            Map<String, String> summarize = lines.get("summarize");
            assertEquals("2", sentiment.get("data-segments"), chart + ": a gap, not a drop to 0");
            assertEquals(2, sentiment.get("d").split("M", -1).length - 1, chart + ": " + sentiment.get("d"));
            assertEquals(10 - Snapshots.SENTIMENT_IDLE.size(), sentiment.get("d").split("[ML]", -1).length - 1,
                    chart + ": a point per interval with calls");
            assertEquals("1", summarize.get("data-segments"), chart);
            assertNotEquals(sentiment.get("stroke-dasharray"), summarize.get("stroke-dasharray"), chart);
            assertTrue(dom.inChart(chart, "path").stream().anyMatch(p -> "sentiment".equals(p.get("data-marker")))
                    || dom.inChart(chart, "circle").stream().anyMatch(p -> "sentiment".equals(p.get("data-marker"))),
                    chart + ": markers");
        }
    }

    /** The page's own rendering of a span of nanoseconds (stats.js {@code span}). */
    static String span(long n) {
        if (n < 1_000_000_000L) {
            return n < 1_000 ? n + " ns" : n < 1_000_000 ? String.format(Locale.ROOT, "%.1f µs", n / 1e3)
                    : String.format(Locale.ROOT, "%.2f ms", n / 1e6);
        }
        double s = n / 1e9;
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        long whole = (long) s;
        return whole < 3600 ? String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60)
                : whole < 86400 ? String.format(Locale.ROOT, "%d h %02d min", whole / 3600, whole % 3600 / 60)
                : String.format(Locale.ROOT, "%d d %02d h", whole / 86400, whole % 86400 / 3600);
    }

    private static void checkOperationRow(Map<String, PageDom.Cell> row, MonitorSnapshot.Operation op) {
        OperationStats c = op.counters();
        MonitorSnapshot.Latency get = op.tiers().get(0).get();
        String name = op.operation();
        assertEquals(String.format(Locale.US, "%,d", c.hits()), row.get("hits").text(), name);
        assertEquals(String.format(Locale.US, "%,d", c.misses()), row.get("misses").text(), name);
        assertEquals(String.format(Locale.ROOT, "%.1f%%", c.hitRatio() * 100), row.get("hit-ratio").text(), name);
        assertEquals(c.hitRatio(), Double.parseDouble(row.get("hit-ratio").value()), 1e-12, name);
        assertEquals(String.valueOf(get.p50()), row.get("p50").value(), name);
        assertEquals(String.valueOf(get.p95()), row.get("p95").value(), name);
        assertEquals(String.valueOf(get.p99()), row.get("p99").value(), name);
        assertEquals(String.valueOf(c.loads()), row.get("loads").value(), name);
        assertEquals(String.valueOf(Math.round(c.averageLoadNanos())), row.get("avg-load").value(), name);
        assertEquals(String.valueOf(c.evictions()), row.get("evictions").value(), name);
        assertEquals(String.valueOf(op.memoryBytes()), row.get("memory-bytes").value(), name);
        long raw = op.values().stream().mapToLong(MonitorSnapshot.SizeTier::rawBytes).sum();
        long stored = op.values().stream().mapToLong(MonitorSnapshot.SizeTier::storedBytes).sum();
        assertEquals(String.valueOf(stored), row.get("stored-bytes").value(), name);
        assertEquals(stored == 0 ? "–" : String.format(Locale.ROOT, "%.2f×", (double) raw / stored),
                row.get("compression-ratio").text(), name);
    }
}
