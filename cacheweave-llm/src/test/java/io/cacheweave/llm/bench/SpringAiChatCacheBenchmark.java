package io.cacheweave.llm.bench;

import io.cacheweave.llm.ChatCacheOptions;
import io.cacheweave.llm.ChatResponseCache;
import io.cacheweave.llm.springai.CacheweaveChatAdvisor;
import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.config.Settings;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;

/**
 * An exact hit through the Spring AI advisor against Spring AI's own {@code ChatClient} call path without it, both
 * over a fake model with no network (so the baseline is the client's own work: prompt rendering, the advisor chain,
 * options merging, response building). Setup and teardown check that the hits are hits.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SpringAiChatCacheBenchmark {
    private static final String SYSTEM = "You are a helpful assistant. Answer briefly.";
    private static final String QUESTION =
            "What is the difference between a process and a thread in an operating system?";

    /** Answers at once, counting calls; usage as a provider reports it. */
    public static final class FakeModel implements ChatModel {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public ChatResponse call(Prompt prompt) {
            calls.incrementAndGet();
            return new ChatResponse(List.of(new Generation(new AssistantMessage("A process owns memory; threads share "
                    + "it."), ChatGenerationMetadata.builder().finishReason("STOP").build())),
                    ChatResponseMetadata.builder().model("fake-1").usage(new DefaultUsage(30, 12)).build());
        }
    }

    private CacheRuntime runtime;
    private FakeModel cachedModel;
    private FakeModel plainModel;
    ChatClient cached;
    ChatClient plain;
    private long cachedInvocations;

    @Setup(Level.Trial)
    public void setUp() {
        runtime = CacheRuntime.builder().settings(Settings.builder().monitor(m -> m.jmx(false)).build()).build();
        cachedModel = new FakeModel();
        plainModel = new FakeModel();
        ChatResponseCache cache = ChatResponseCache.create(runtime, ChatCacheOptions.create("bench-spring"));
        cached = ChatClient.builder(cachedModel)
                .defaultAdvisors(CacheweaveChatAdvisor.builder(cache).model("fake", "fake-1").build()).build();
        plain = ChatClient.builder(plainModel).build();
        exactHit();
        if (cachedModel.calls.get() != 1) {
            throw new IllegalStateException("setup should have called the model once: " + cachedModel.calls.get());
        }
        cachedInvocations = 0;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        runtime.close();
        if (cachedInvocations > 0 && cachedModel.calls.get() != 1) {
            throw new IllegalStateException("a cached call reached the model: " + cachedModel.calls.get());
        }
    }

    /** Spring AI's own call path to the fake model, without the advisor: the baseline. */
    @Benchmark
    public ChatResponse uncached() {
        return plain.prompt().system(SYSTEM).user(QUESTION).call().chatResponse();
    }

    /** The same request through the advisor: an exact hit. */
    @Benchmark
    public ChatResponse exactHit() {
        cachedInvocations++;
        return cached.prompt().system(SYSTEM).user(QUESTION).call().chatResponse();
    }
}
