package io.cacheweave.samples.coroutines

import io.cacheweave.runtime.CacheRuntime
import io.cacheweave.runtime.Cacheweave
import io.cacheweave.runtime.config.Settings
import java.io.ByteArrayOutputStream
import java.io.PrintStream
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.Test

/** The demo a reader runs first does what it prints. */
class CoroutinesDemoIT {
    @Test
    fun demo_cachesSharesAndInvalidates() {
        Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build())
        val out = ByteArrayOutputStream()
        val console = System.out
        System.setOut(PrintStream(out, true))
        try {
            main()
        } finally {
            System.setOut(console)
        }
        val text = out.toString()
        val cached = Regex("first call (\\d+) ms, cached call (\\d+) ms").find(text)
        assertTrue(cached != null && cached.groupValues[2].toLong() < 200, "less than one 200-ms backend call: $text")
        val shared = Regex("ten concurrent callers of one key: (\\d+) ms").find(text)
        assertTrue(shared != null && shared.groupValues[1].toLong() < 1_000, "one load of 200 ms, not ten: $text")
        assertTrue(text.contains("after rename: Augusta Ada King"), text)
    }
}
