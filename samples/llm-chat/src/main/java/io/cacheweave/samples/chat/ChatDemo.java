package io.cacheweave.samples.chat;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.cacheweave.llm.ChatCacheOptions;
import io.cacheweave.llm.ChatResponseCache;
import io.cacheweave.llm.ChatSavings;
import io.cacheweave.llm.langchain4j.CachingChatModel;
import io.cacheweave.llm.langchain4j.CachingStreamingChatModel;
import io.cacheweave.llm.langchain4j.LangChain4jEmbedder;
import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A support chat over {@link ScriptedChatModel}, cached through the LangChain4j decorators: the same question twice
 * (an exact hit), a paraphrase (a semantic hit), a near-miss of opposite meaning (the guard sends it to the model),
 * two tenants asking the same (never shared), and a streamed answer replayed as a stream. Prints where each answer
 * came from, how long it took, and what the cache saved. {@code --serve} keeps the process running with the stats
 * page on, where the tokens and the cost saved are shown per cache and model (the chat cache registers its savings
 * with the runtime's monitor).
 */
public final class ChatDemo {
    private static final String SYSTEM = "You are the support assistant of an online shop. Answer briefly.";

    private final ScriptedChatModel model;
    private final ChatResponseCache cache;
    private final CachingChatModel chat;
    private final CachingStreamingChatModel streaming;
    private String tenant = "acme";

    ChatDemo(CacheRuntime runtime, Duration latency) {
        this.model = new ScriptedChatModel(latency);
        this.cache = ChatResponseCache.create(runtime, ChatCacheOptions.builder("support-chat")
                .ttl(Duration.ofHours(6))
                .semantic(LangChain4jEmbedder.inProcess())
                .scope(() -> tenant)
                .price(ScriptedChatModel.NAME, 2.50, 10.00)
                .build());
        this.chat = CachingChatModel.wrap(model, cache);
        this.streaming = CachingStreamingChatModel.wrap(model, cache);
    }

    public static void main(String[] args) throws Exception {
        boolean serve = List.of(args).contains("--serve");
        if (serve) {
            System.setProperty("cacheweave.stats.http.enabled", "true");
        }
        CacheRuntime runtime = Cacheweave.runtime();
        ChatDemo demo = new ChatDemo(runtime, Duration.ofMillis(400));
        demo.run(System.out);
        if (serve) {
            System.out.println("stats page (tokens and cost saved, per cache and model): "
                    + runtime.statsPageUri().map(Object::toString).orElse("off"));
            Thread.currentThread().join();
        }
    }

    /** @return what the chat cache saved so far */
    ChatSavings savings() {
        return cache.savings();
    }

    /** Runs the conversation; returns the rows printed, for the test. */
    List<String> run(PrintStream out) throws Exception {
        out.printf("%-8s %-9s %7s  %s%n", "tenant", "answer", "ms", "question");
        List<String> rows = new java.util.ArrayList<>();
        rows.add(ask(out, "acme", "What is your refund policy?"));
        rows.add(ask(out, "acme", "What is your refund policy?"));
        rows.add(ask(out, "acme", "What's your refund policy?"));
        rows.add(ask(out, "acme", "What is not covered by your refund policy?"));
        rows.add(ask(out, "globex", "What is your refund policy?"));
        rows.add(stream(out, "acme", "How do I reset my password?"));
        rows.add(stream(out, "acme", "How do I reset my password?"));
        ChatSavings.ModelSavings saved = cache.savings().total();
        out.printf(Locale.ROOT, "%nmodel calls: %d of %d questions; served from the cache: %d exact, %d semantic; "
                + "tokens saved: %d in, %d out; cost saved: $%.6f%n", model.calls(), rows.size(), saved.exactHits(),
                saved.semanticHits(), saved.inputTokensSaved(), saved.outputTokensSaved(), saved.costSaved());
        return rows;
    }

    private String ask(PrintStream out, String tenant, String question) {
        this.tenant = tenant;
        int before = model.calls();
        long start = System.nanoTime();
        ChatResponse response = chat.chat(ChatRequest.builder()
                .messages(SystemMessage.from(SYSTEM), UserMessage.from(question)).build());
        return row(out, tenant, question, before, start, response.aiMessage().text());
    }

    private String stream(PrintStream out, String tenant, String question) throws Exception {
        this.tenant = tenant;
        int before = model.calls();
        long start = System.nanoTime();
        CompletableFuture<String> done = new CompletableFuture<>();
        StringBuilder parts = new StringBuilder();
        streaming.chat(ChatRequest.builder().messages(SystemMessage.from(SYSTEM), UserMessage.from(question)).build(),
                new StreamingChatResponseHandler() {
                    @Override
                    public void onPartialResponse(String partial) {
                        parts.append(partial);
                    }

                    @Override
                    public void onCompleteResponse(ChatResponse response) {
                        done.complete(parts.toString());
                    }

                    @Override
                    public void onError(Throwable error) {
                        done.completeExceptionally(error);
                    }
                });
        return row(out, tenant, question + " (streamed)", before, start, done.get(10, TimeUnit.SECONDS));
    }

    private String row(PrintStream out, String tenant, String question, int callsBefore, long start, String answer) {
        String source = model.calls() > callsBefore ? "model" : "cache";
        String row = String.format(Locale.ROOT, "%-8s %-9s %7.1f  %s", tenant, source,
                (System.nanoTime() - start) / 1e6, question);
        out.println(row);
        out.println("                            -> " + answer);
        return row;
    }
}
