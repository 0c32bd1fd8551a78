package io.cacheweave.llm.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.cacheweave.llm.ChatCacheOptions;
import io.cacheweave.llm.ChatResponseCache;
import io.cacheweave.llm.ChatSavings;
import io.cacheweave.llm.FakeModels;
import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.LogCapture;
import io.cacheweave.runtime.testing.ManualClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class CachingChatModelTest {

    private CacheRuntime runtime;
    private final FakeModels.Chat model = new FakeModels.Chat();
    private final AtomicReference<String> tenant = new AtomicReference<>("t1");

    @BeforeEach
    void start() {
        runtime = CacheRuntime.builder().settings(Settings.builder().build()).build();
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private CachingChatModel cached(ChatCacheOptions.Builder options) {
        return CachingChatModel.wrap(model, ChatResponseCache.create(runtime, options.scope(tenant::get).build()));
    }

    private static ChatRequest ask(String system, String question, Double temperature) {
        return ChatRequest.builder().messages(SystemMessage.from(system), UserMessage.from(question))
                .parameters(ChatRequestParameters.builder().temperature(temperature).build()).build();
    }

    @Test
    void chat_sameRequest_answeredOnceByTheModel() {
        CachingChatModel chat = cached(ChatCacheOptions.builder("chat").price("fake-1", 1_000, 2_000));
        ChatResponse first = chat.chat(ask("be brief", "what is Cacheweave?", 0.0));
        ChatResponse second = chat.chat(ask("be brief", "what is Cacheweave?", 0.0));
        assertEquals("answer #1 to: what is Cacheweave?", first.aiMessage().text());
        assertEquals(first.aiMessage().text(), second.aiMessage().text());
        assertEquals(1, model.calls.get());
        assertEquals(0, second.tokenUsage().totalTokenCount(), "a hit consumed no tokens");
        assertEquals("answer #2 to: what is Cacheweave?", chat.chat("what is Cacheweave?"),
                "the same question without the system prompt is another request");
        ChatSavings.ModelSavings saved = chat.cache().savings().snapshot().get("fake-1");
        assertEquals(1, saved.exactHits());
        assertEquals(10, saved.inputTokensSaved());
        assertEquals(20, saved.outputTokensSaved());
        assertEquals((10 * 1_000 + 20 * 2_000) / 1e6, saved.costSaved(), 1e-9);
    }

    @Test
    void chat_modelTtl_aModelsAnswersExpireAfterItsOwnTtl() {
        ManualClock clock = new ManualClock();
        try (CacheRuntime timed = CacheRuntime.builder().settings(Settings.builder().build()).clock(clock).build()) {
            FakeModels.Chat other = new FakeModels.Chat();
            ChatResponseCache cache = ChatResponseCache.create(timed, ChatCacheOptions.builder("ttl")
                    .ttl(Duration.ofHours(1)).modelTtl("short", Duration.ofMinutes(1)).build());
            CachingChatModel chat = CachingChatModel.wrap(other, cache);
            ChatRequest shortModel = ChatRequest.builder().messages(UserMessage.from("q"))
                    .parameters(ChatRequestParameters.builder().modelName("short").temperature(0.0).build()).build();
            ChatRequest longModel = ChatRequest.builder().messages(UserMessage.from("q"))
                    .parameters(ChatRequestParameters.builder().modelName("long").temperature(0.0).build()).build();
            chat.chat(shortModel);
            chat.chat(longModel);
            chat.chat(shortModel);
            chat.chat(longModel);
            assertEquals(2, other.calls.get(), "both answers stored");
            clock.advance(Duration.ofMinutes(2));
            chat.chat(longModel);
            assertEquals(2, other.calls.get(), "the cache's TTL: an hour");
            chat.chat(shortModel);
            assertEquals(3, other.calls.get(), "the short model's TTL: a minute");
        }
    }

    @Test
    void chat_differentSystemPromptOrScope_goesToTheModel() {
        CachingChatModel chat = cached(ChatCacheOptions.builder("chat"));
        chat.chat(ask("be brief", "what is Cacheweave?", 0.0));
        chat.chat(ask("be verbose", "what is Cacheweave?", 0.0));
        assertEquals(2, model.calls.get());
        tenant.set("t2");
        ChatResponse other = chat.chat(ask("be brief", "what is Cacheweave?", 0.0));
        assertEquals(3, model.calls.get(), "one tenant never receives another's answer");
        assertEquals("answer #3 to: what is Cacheweave?", other.aiMessage().text());
    }

    @Test
    void chat_temperatureAboveZero_cachedOnlyWhenAllowed() {
        CachingChatModel strict = cached(ChatCacheOptions.builder("strict"));
        strict.chat(ask("s", "tell me a joke", 0.8));
        strict.chat(ask("s", "tell me a joke", 0.8));
        assertEquals(2, model.calls.get());
        assertEquals(2, strict.cache().savings().bypassedRequests());
        CachingChatModel sampled = cached(ChatCacheOptions.builder("sampled").cacheSampled(true));
        sampled.chat(ask("s", "tell me a joke", 0.8));
        sampled.chat(ask("s", "tell me a joke", 0.8));
        assertEquals(3, model.calls.get());
    }

    @Test
    void chat_modelFails_nothingStoredAndTheFailureReachesTheCaller() {
        CachingChatModel chat = cached(ChatCacheOptions.builder("chat"));
        RuntimeException boom = new IllegalStateException("rate limited");
        model.failure = boom;
        assertSame(boom, assertThrows(IllegalStateException.class, () -> chat.chat(ask("s", "q", 0.0))));
        model.failure = null;
        assertEquals("answer #2 to: q", chat.chat(ask("s", "q", 0.0)).aiMessage().text());
    }

    /** A message attribute whose text cannot be read: the request cannot be translated into a key. */
    static final Object UNREADABLE = new Object() {
        @Override
        public String toString() {
            throw new IllegalStateException("attribute unreadable");
        }
    };

    @Test
    void chat_requestThatCannotBeTranslated_goesToTheModelUncached_loggedOnce() {
        CachingChatModel chat = cached(ChatCacheOptions.builder("chat"));
        ChatRequest odd = ChatRequest.builder().messages(CustomMessage.from(Map.of("payload", UNREADABLE)),
                UserMessage.from("q")).build();
        try (LogCapture logs = new LogCapture().start()) {
            assertEquals("answer #1 to: q", chat.chat(odd).aiMessage().text());
            assertEquals("answer #2 to: q", chat.chat(odd).aiMessage().text(), "uncached");
            logs.assertOnce(Level.WARN, "a request could not be read for chat cache chat, so it goes to the model "
                    + "uncached: attribute unreadable");
        }
        assertEquals(2, chat.cache().savings().bypassedRequests());
    }

    @Test
    void chat_viaStringShortcut_cachedToo() {
        CachingChatModel chat = cached(ChatCacheOptions.builder("chat"));
        assertEquals("answer #1 to: hello", chat.chat("hello"));
        assertEquals("answer #1 to: hello", chat.chat("hello"));
        assertEquals(1, model.calls.get());
    }

    @Test
    void chat_concurrentIdenticalRequests_oneModelCall() throws Exception {
        CachingChatModel chat = cached(ChatCacheOptions.builder("chat"));
        model.gate = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> chat.chat(ask("s", "expensive question", 0.0)).aiMessage().text()));
            }
            while (model.calls.get() == 0) {
                Thread.onSpinWait();
            }
            Thread.sleep(200); // the other seven are waiting for the first call by now
            model.gate.countDown();
            for (java.util.concurrent.Future<String> a : answers) {
                assertEquals("answer #1 to: expensive question", a.get(10, java.util.concurrent.TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, model.calls.get());
        assertEquals(7, chat.cache().savings().snapshot().get("fake-1").exactHits());
    }
}
