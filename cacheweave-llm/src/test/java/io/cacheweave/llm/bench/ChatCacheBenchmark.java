package io.cacheweave.llm.bench;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.cacheweave.llm.ChatCacheOptions;
import io.cacheweave.llm.ChatResponseCache;
import io.cacheweave.llm.FakeModels;
import io.cacheweave.llm.langchain4j.CachingChatModel;
import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.config.Settings;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * An exact hit through the LangChain4j decorator against the framework's own call path without caching, both over
 * a fake model with no network (so the baseline is LangChain4j's own overhead: listeners, parameter merging,
 * response building). Setup and teardown check that the hits are hits: the fake model ran once, in setup.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChatCacheBenchmark {

    private CacheRuntime runtime;
    private FakeModels.Chat model;
    private ChatModel cached;
    private ChatRequest request;

    @Setup(Level.Trial)
    public void setUp() {
        runtime = CacheRuntime.builder().settings(Settings.builder().build()).build();
        model = new FakeModels.Chat();
        cached = CachingChatModel.wrap(model, ChatResponseCache.create(runtime, ChatCacheOptions.create("bench")));
        request = ChatRequest.builder().messages(SystemMessage.from("You are a helpful assistant. Answer briefly."),
                UserMessage.from("What is the difference between a process and a thread in an operating system?"))
                .build();
        cached.chat(request);
        if (model.calls.get() != 1) {
            throw new IllegalStateException("setup should have called the model once: " + model.calls.get());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        int calls = model.calls.get();
        runtime.close();
        // the uncached baseline calls the model on every invocation; the cached path must not have
        if (cachedInvocations > 0 && calls - 1 != uncachedInvocations) {
            throw new IllegalStateException("a cached call reached the model: " + calls + " calls, "
                    + uncachedInvocations + " uncached invocations");
        }
    }

    private long cachedInvocations;
    private long uncachedInvocations;

    /** The framework's own call path to the fake model, uncached: the baseline. */
    @Benchmark
    public ChatResponse uncached() {
        uncachedInvocations++;
        return model.chat(request);
    }

    /** The same request through the decorator: an exact hit. */
    @Benchmark
    public ChatResponse exactHit() {
        cachedInvocations++;
        return cached.chat(request);
    }
}
