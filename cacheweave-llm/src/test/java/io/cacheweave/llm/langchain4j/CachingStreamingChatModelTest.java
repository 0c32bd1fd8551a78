package io.cacheweave.llm.langchain4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.data.message.CustomMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.cacheweave.llm.ChatCacheOptions;
import io.cacheweave.llm.ChatResponseCache;
import io.cacheweave.llm.FakeModels;
import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.config.Settings;
import io.cacheweave.runtime.testing.LogCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

class CachingStreamingChatModelTest {

    private CacheRuntime runtime;
    private final FakeModels.Streaming model = new FakeModels.Streaming();
    private CachingStreamingChatModel chat;

    @BeforeEach
    void start() {
        runtime = CacheRuntime.builder().settings(Settings.builder().build()).build();
        chat = CachingStreamingChatModel.wrap(model, ChatResponseCache.create(runtime,
                ChatCacheOptions.create("stream")));
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    /** Collects a stream; cancels it after {@code cancelAfter} parts when that is not negative. */
    private static final class Collector implements StreamingChatResponseHandler {
        final List<String> parts = new ArrayList<>();
        final int cancelAfter;
        ChatResponse complete;
        Throwable error;

        Collector(int cancelAfter) {
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
            parts.add(partial.text());
            if (parts.size() == cancelAfter) {
                context.streamingHandle().cancel();
            }
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            complete = response;
        }

        @Override
        public void onError(Throwable error) {
            this.error = error;
        }
    }

    private Collector stream(String question, int cancelAfter) {
        Collector c = new Collector(cancelAfter);
        chat.chat(ChatRequest.builder().messages(UserMessage.from(question)).build(), c);
        return c;
    }

    @Test
    void chat_requestThatCannotBeTranslated_streamsFromTheModelUncached_loggedOnce() {
        ChatRequest odd = ChatRequest.builder().messages(CustomMessage.from(Map.of("payload",
                CachingChatModelTest.UNREADABLE)), UserMessage.from("q")).build();
        try (LogCapture logs = new LogCapture().start()) {
            for (int i = 0; i < 2; i++) {
                Collector c = new Collector(-1);
                chat.chat(odd, c);
                assertNull(c.error);
                assertTrue(c.complete != null && !c.parts.isEmpty(), "streamed by the model");
            }
            logs.assertOnce(Level.WARN, "a request could not be read for chat cache stream, so it goes to the model "
                    + "uncached: attribute unreadable");
        }
        assertEquals(2, model.calls.get(), "nothing stored");
    }

    @Test
    void chat_completedStream_storedAndReplayedAsAStream() {
        String longQuestion = "explain caching ".repeat(10);
        Collector miss = stream(longQuestion, -1);
        String answer = "streamed #1 to: " + longQuestion;
        assertEquals(answer, String.join("", miss.parts));
        Collector hit = stream(longQuestion, -1);
        assertEquals(1, model.calls.get());
        assertTrue(hit.parts.size() > 1, "replayed in parts: " + hit.parts);
        assertEquals(answer, String.join("", hit.parts));
        assertEquals(answer, hit.complete.aiMessage().text());
        assertNull(hit.error);
    }

    @Test
    void chat_failedStream_storesNothing() {
        model.failMidway = true;
        Collector failed = stream("q", -1);
        assertTrue(failed.error instanceof IllegalStateException);
        model.failMidway = false;
        Collector next = stream("q", -1);
        assertEquals("streamed #2 to: q", next.complete.aiMessage().text());
        assertEquals(2, model.calls.get());
    }

    @Test
    void chat_cancelledStream_storesNothing() {
        Collector cancelled = stream("a question long enough for several parts", 2);
        assertNull(cancelled.complete);
        assertEquals(2, cancelled.parts.size());
        Collector next = stream("a question long enough for several parts", -1);
        assertEquals("streamed #2 to: a question long enough for several parts", next.complete.aiMessage().text());
    }

    @Test
    void chat_hitCancelledByTheCaller_replayStops() {
        stream("x".repeat(300), -1);
        Collector hit = stream("x".repeat(300), 1);
        assertEquals(1, hit.parts.size());
        assertNull(hit.complete);
        assertEquals(1, model.calls.get());
    }
}
