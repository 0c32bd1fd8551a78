package io.cacheweave.llm.springai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.llm.ChatCacheOptions;
import io.cacheweave.llm.ChatResponseCache;
import io.cacheweave.runtime.stats.MonitorJson;
import io.cacheweave.runtime.stats.MonitorSnapshot;
import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.config.Settings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.DefaultChatOptions;
import org.springframework.ai.chat.prompt.DefaultChatOptionsBuilder;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;

/** The advisor in a real {@link ChatClient} over a deterministic model with no network. */
class CacheweaveChatAdvisorTest {

    /** Answers "answer #n to: question"; streams it in parts of 4 characters, or fails after two parts. */
    static final class FakeChatModel implements ChatModel {
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean failStream;
        /** The model's own options, as a provider's model has them ({@code null}: Spring AI's defaults). */
        volatile ChatOptions options;

        @Override
        public ChatOptions getOptions() {
            return options == null ? ChatModel.super.getOptions() : options;
        }

        private static ChatResponse response(String text, boolean last) {
            return new ChatResponse(List.of(new Generation(new AssistantMessage(text),
                    last ? ChatGenerationMetadata.builder().finishReason("STOP").build() : ChatGenerationMetadata.NULL)),
                    ChatResponseMetadata.builder().model("fake-2").usage(new DefaultUsage(last ? 12 : 0, last ? 30 : 0))
                            .build());
        }

        @Override
        public ChatResponse call(Prompt prompt) {
            return response("answer #" + calls.incrementAndGet() + " to: " + prompt.getUserMessage().getText(), true);
        }

        @Override
        public Flux<ChatResponse> stream(Prompt prompt) {
            return Flux.defer(() -> {
                String text = "streamed #" + calls.incrementAndGet() + " to: " + prompt.getUserMessage().getText();
                List<String> parts = new ArrayList<>();
                for (int at = 0; at < text.length(); at += 4) {
                    parts.add(text.substring(at, Math.min(text.length(), at + 4)));
                }
                Flux<ChatResponse> flux = Flux.range(0, parts.size())
                        .map(i -> response(parts.get(i), i == parts.size() - 1));
                return failStream ? flux.take(2).concatWith(Flux.error(new IllegalStateException("reset"))) : flux;
            });
        }
    }

    private CacheRuntime runtime;
    private final FakeChatModel model = new FakeChatModel();
    private ChatClient client;
    private ChatResponseCache cache;

    @BeforeEach
    void start() {
        runtime = CacheRuntime.builder().settings(Settings.builder().build()).build();
        cache = ChatResponseCache.create(runtime, ChatCacheOptions.builder("spring-chat").price("fake-1", 1, 2).build());
        client = ChatClient.builder(model)
                .defaultAdvisors(CacheweaveChatAdvisor.builder(cache).model("fake", "fake-1").build()).build();
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void call_sameRequest_answeredOnceByTheModel() {
        String first = client.prompt().system("be brief").user("what is a cache?").call().content();
        String second = client.prompt().system("be brief").user("what is a cache?").call().content();
        assertEquals("answer #1 to: what is a cache?", first);
        assertEquals(first, second);
        assertEquals(1, model.calls.get());
        assertEquals(12, cache.savings().snapshot().get("fake-1").inputTokensSaved());
        assertEquals("answer #2 to: what is a cache?", client.prompt().system("be verbose").user("what is a cache?")
                .call().content(), "another system prompt is another request");
        assertEquals("answer #3 to: what is a cache?", client.prompt().system("be brief").user("what is a cache?")
                .options(ChatOptions.builder().maxTokens(5)).call().content(), "other options");
    }

    @Test
    void call_savingsInTheMonitorsSnapshot_perCacheAndModel() {
        client.prompt().system("be brief").user("what is a cache?").call().content();
        client.prompt().system("be brief").user("what is a cache?").call().content();
        MonitorSnapshot snapshot = runtime.monitor().snapshot();
        double cost = cache.savings().model("fake-1").costSaved();
        assertEquals((12 * 1 + 30 * 2) / 1e6, cost, 1e-12);
        assertEquals(List.of(new MonitorSnapshot.UsageSaved("spring-chat", "fake-1", Map.of("exact", 1L,
                "semantic", 0L), 1, Map.of("input tokens", 12L, "output tokens", 30L), cost)),
                snapshot.usageSaved());
        String json = MonitorJson.write(snapshot);
        assertTrue(json.contains("\"usageSaved\":[{\"operation\":\"spring-chat\",\"source\":\"fake-1\",\"hits\":"
                + "{\"exact\":1,\"semantic\":0},\"misses\":1,\"units\":{\"input tokens\":12,\"output tokens\":30},"
                + "\"cost\":" + cost + "}"), json);
    }

    /**
     * A provider's options type with a value the key rules cannot render (its routing: no toString of its own, not a
     * record); the chat client builds each request's options from the model's, through {@link #mutate()}.
     */
    static final class RoutedOptions extends DefaultChatOptions {
        RoutedOptions(String model, Double temperature) {
            super(model, null, null, null, null, temperature, null, null);
        }

        public Object getRouting() {
            return new Object();
        }

        @Override
        public Builder mutate() {
            return new Builder().model(getModel()).temperature(getTemperature());
        }

        static final class Builder extends DefaultChatOptionsBuilder<Builder> {
            @Override
            public ChatOptions build() {
                return new RoutedOptions(model, temperature);
            }
        }
    }

    @Test
    void call_optionOfUnknownType_goesToTheModelUncached_loggedOnce() {
        model.options = new RoutedOptions("fake-1", 0.0);
        try (LogCapture logs = new LogCapture().start()) {
            for (int i = 1; i <= 2; i++) {
                String answer = client.prompt().system("s").user("q").call().content();
                assertEquals("answer #" + i + " to: q", answer, "from the model, uncached");
            }
            logs.assertOnce(Level.WARN, "a request could not be read for chat cache spring-chat, so it goes to the "
                    + "model uncached: option routing has a value of type java.lang.Object");
        }
        assertEquals(2, cache.savings().bypassedRequests());
    }

    @Test
    void call_scopeParameter_keepsTenantsApart() {
        String a = client.prompt().user("my balance?").advisors(s -> s.param(CacheweaveChatAdvisor.SCOPE, "alice"))
                .call().content();
        String b = client.prompt().user("my balance?").advisors(s -> s.param(CacheweaveChatAdvisor.SCOPE, "bob"))
                .call().content();
        assertEquals("answer #1 to: my balance?", a);
        assertEquals("answer #2 to: my balance?", b);
        assertEquals(a, client.prompt().user("my balance?").advisors(s -> s.param(CacheweaveChatAdvisor.SCOPE, "alice"))
                .call().content());
    }

    @Test
    void stream_completed_storedAndReplayedAsAStream() {
        List<String> miss = client.prompt().user("explain streams").stream().content().collectList()
                .block(Duration.ofSeconds(5));
        List<String> hit = client.prompt().user("explain streams").stream().content().collectList()
                .block(Duration.ofSeconds(5));
        assertEquals("streamed #1 to: explain streams", String.join("", miss));
        assertEquals(String.join("", miss), String.join("", hit));
        assertEquals(1, model.calls.get());
        assertEquals("streamed #1 to: explain streams", client.prompt().user("explain streams").call().content(),
                "a streamed answer serves a call too");
    }

    @Test
    void stream_failedOrCancelled_storesNothing() {
        model.failStream = true;
        assertThrows(IllegalStateException.class, () -> client.prompt().user("q").stream().content().collectList()
                .block(Duration.ofSeconds(5)));
        model.failStream = false;
        List<String> cancelled = client.prompt().user("q").stream().content().take(2).collectList()
                .block(Duration.ofSeconds(5));
        assertEquals(2, cancelled.size());
        String after = String.join("", client.prompt().user("q").stream().content().collectList()
                .block(Duration.ofSeconds(5)));
        assertEquals("streamed #3 to: q", after);
        assertEquals(3, model.calls.get());
    }

    @Test
    void call_temperatureAboveZero_notCachedByDefault() {
        var warm = ChatOptions.builder().temperature(0.9);
        client.prompt().user("a poem").options(warm).call().content();
        client.prompt().user("a poem").options(warm).call().content();
        assertEquals(2, model.calls.get());
    }
}
