package io.cacheweave.benchmarks.memory;

import org.openjdk.jmh.annotations.Threads;

/** {@link MemoryHitBenchmark} with two threads calling the same methods on the same keys. */
@Threads(2)
public class MemoryHitTwoThreadsBenchmark extends MemoryHitBenchmark {
}
