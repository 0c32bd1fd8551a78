package io.cacheweave.llm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.llm.langchain4j.LangChain4jEmbedder;
import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.testing.TestLogs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/**
 * Precision and recall of semantic hits on the labelled pairs in {@code semantic-pairs.tsv}, with the default
 * in-process model (all-MiniLM-L6-v2, run for real), the default similarity and the meaning guard. A pair is
 * "served" when the stored question's answer would be served for the asked one. The report goes to
 * {@code target/semantic-pairs.txt}.
 */
class SemanticPairsIT {

    record Pair(boolean same, String kind, String asked, String stored, double similarity, String conflict) {
        boolean served(double threshold) {
            return similarity >= threshold && conflict == null;
        }
    }

    private static List<Pair> pairs;

    @BeforeAll
    static void embed() throws IOException {
        // The ONNX runtime's native loader (DJL) warns that it finds no usable GPU; nothing else may warn.
        try (LogCapture logs = new LogCapture().start()) {
            embedAll();
            List<TestLogs.Event> warnings = logs.events().stream()
                    .filter(e -> e.level().toInt() >= Level.WARN.toInt()).toList();
            assertTrue(warnings.stream().allMatch(e -> e.logger().startsWith("ai.djl.")
                    && e.message().startsWith("Failed to detect GPU count")), warnings::toString);
        }
    }

    private static void embedAll() throws IOException {
        Embedder embedder = LangChain4jEmbedder.inProcess();
        pairs = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                SemanticPairsIT.class.getResourceAsStream("/semantic-pairs.tsv"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                float[] a = embedder.embed(f[2]);
                float[] b = embedder.embed(f[3]);
                pairs.add(new Pair(f[0].equals("1"), f[1], f[2], f[3], cosine(a, b), MeaningGuard.conflict(f[2], f[3])));
            }
        }
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void defaultThreshold_precisionAtLeast099() throws IOException {
        double threshold = ChatCacheOptions.DEFAULT_SIMILARITY;
        long truePositives = pairs.stream().filter(p -> p.same && p.served(threshold)).count();
        long falsePositives = pairs.stream().filter(p -> !p.same && p.served(threshold)).count();
        long positives = pairs.stream().filter(Pair::same).count();
        double precision = truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
        double recall = (double) truePositives / positives;
        StringBuilder report = new StringBuilder(String.format(Locale.ROOT,
                "pairs %d (%d paraphrases, %d near-misses), threshold %.2f: precision %.3f, recall %.3f "
                + "(%d served correctly, %d served wrongly)%n%n", pairs.size(), positives, pairs.size() - positives,
                threshold, precision, recall, truePositives, falsePositives));
        for (double t = 0.70; t < 0.991; t += 0.02) {
            double at = t;
            long tp = pairs.stream().filter(p -> p.same && p.served(at)).count();
            long fp = pairs.stream().filter(p -> !p.same && p.served(at)).count();
            long rawFp = pairs.stream().filter(p -> !p.same && p.similarity >= at).count();
            report.append(String.format(Locale.ROOT, "threshold %.2f: served %d right, %d wrong (%d wrong "
                    + "without the guard)%n", at, tp, fp, rawFp));
        }
        report.append('\n');
        pairs.stream().sorted((x, y) -> Double.compare(y.similarity, x.similarity)).forEach(p -> report.append(
                String.format(Locale.ROOT, "%s %.3f %-10s %-9s %s | %s%n", p.same ? "same" : "diff", p.similarity,
                        p.conflict == null ? "-" : p.conflict, p.kind, p.asked, p.stored)));
        Path out = Path.of("target", "semantic-pairs.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        assertTrue(precision >= 0.99, "precision " + precision + " below 0.99; see " + out.toAbsolutePath());
        assertTrue(recall >= 0.5, "recall " + recall + " below 0.5; see " + out.toAbsolutePath());
    }
}
