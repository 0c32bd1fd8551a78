package io.cacheweave.llm.springai;

import io.cacheweave.llm.ChatAnswer;
import io.cacheweave.llm.ChatCall;
import io.cacheweave.llm.ChatResponseCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.core.Ordered;
import reactor.core.publisher.Flux;

/**
 * A Spring AI advisor that answers a {@code ChatClient}'s requests from a {@link ChatResponseCache}, for
 * {@code call()} and {@code stream()} alike. A request identical in everything that shapes the answer (model,
 * system prompt, every message, tools, options, the caller's scope) is served from the cache; with semantic hits on,
 * so is one whose last question means the same. A streamed answer is stored only when the stream completes normally,
 * and a hit is replayed as a stream; a failed or cancelled stream stores nothing.
 *
 * <pre>{@code
 * ChatClient client = ChatClient.builder(chatModel)
 *         .defaultAdvisors(CacheweaveChatAdvisor.builder(cache).model("openai", "gpt-4o").build())
 *         .build();
 * client.prompt().user(question).advisors(a -> a.param(CacheweaveChatAdvisor.SCOPE, tenantId)).call().content();
 * }</pre>
 *
 * It runs first among the advisors by default ({@link #DEFAULT_ORDER}), so a hit skips memory, retrieval and the
 * model; give it a later order to cache after such advisors have shaped the prompt.
 */
public final class CacheweaveChatAdvisor implements CallAdvisor, StreamAdvisor {

    /** The advisor context parameter that names a request's scope (tenant or user), overriding the cache's own. */
    public static final String SCOPE = "cacheweave.scope";
    /** The order it runs at unless the builder sets another. */
    public static final int DEFAULT_ORDER = Ordered.HIGHEST_PRECEDENCE + 1000;
    /** The size of the parts a streamed hit is replayed in. */
    public static final int PART_CHARACTERS = 64;

    private final ChatResponseCache cache;
    private final String provider;
    private final String model;
    private final int order;

    private CacheweaveChatAdvisor(Builder b) {
        this.cache = b.cache;
        this.provider = b.provider;
        this.model = b.model;
        this.order = b.order;
    }

    /** @param cache the cache to answer from */
    public static Builder builder(ChatResponseCache cache) {
        return new Builder(Objects.requireNonNull(cache, "cache must not be null"));
    }

    @Override
    public String getName() {
        return "cacheweave:" + cache.options().name();
    }

    @Override
    public int getOrder() {
        return order;
    }

    @Override
    public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
        // concurrent callers of one request share one model call; a failure reaches them as it would uncached
        return lookup(request).load(() -> chain.nextCall(request),
                response -> response.chatResponse() == null ? null : SpringAiCalls.answer(response.chatResponse()),
                answer -> ChatClientResponse.builder().chatResponse(SpringAiCalls.response(answer, answer.text(), true))
                        .context(request.context()).build());
    }

    @Override
    public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
        return Flux.defer(() -> {
            ChatResponseCache.Lookup lookup = lookup(request);
            if (lookup.hit().isPresent()) {
                return replay(lookup.hit().get(), request);
            }
            StringBuilder text = new StringBuilder();
            AtomicReference<ChatAnswer> last = new AtomicReference<>();
            return chain.nextStream(request).doOnNext(part -> {
                ChatResponse r = part.chatResponse();
                if (r != null && r.getResult() != null) {
                    ChatAnswer a = SpringAiCalls.answer(r);
                    text.append(a.text());
                    last.set(a);
                }
            }).doOnComplete(() -> { // only on normal completion: an error or a cancel skips this
                ChatAnswer tail = last.get();
                if (tail != null) {
                    lookup.store(new ChatAnswer(text.toString(), tail.toolCalls(), tail.finishReason(),
                            tail.inputTokens(), tail.outputTokens(), tail.model()));
                }
            });
        });
    }

    private ChatResponseCache.Lookup lookup(ChatClientRequest request) {
        ChatCall call;
        try {
            call = SpringAiCalls.call(request.prompt(), provider, model);
        } catch (RuntimeException e) { // an option that cannot be read or rendered
            return cache.bypass("options", e);
        }
        Object scope = request.context().get(SCOPE);
        return scope == null ? cache.lookup(call) : cache.lookup(call, scope.toString());
    }

    private static Flux<ChatClientResponse> replay(ChatAnswer answer, ChatClientRequest request) {
        String text = answer.text();
        List<String> parts = new ArrayList<>();
        int at = 0;
        while (at < text.length()) {
            int end = Math.min(text.length(), at + PART_CHARACTERS);
            if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                end++;
            }
            parts.add(text.substring(at, end));
            at = end;
        }
        if (parts.isEmpty()) {
            parts.add("");
        }
        int lastPart = parts.size() - 1;
        return Flux.range(0, parts.size()).map(i -> ChatClientResponse.builder()
                .chatResponse(SpringAiCalls.response(answer, parts.get(i), i == lastPart))
                .context(request.context()).build());
    }

    /** The builder of {@link CacheweaveChatAdvisor}. */
    public static final class Builder {
        private final ChatResponseCache cache;
        private String provider = "unknown";
        private String model = "unknown";
        private int order = DEFAULT_ORDER;

        private Builder(ChatResponseCache cache) {
            this.cache = cache;
        }

        /**
         * @param provider who serves the chat client's model
         * @param model the model the chat client's {@code ChatModel} uses when a prompt's options name none. Set it:
         *     a cache shared by clients of different models keeps their answers apart only by this name.
         */
        public Builder model(String provider, String model) {
            this.provider = Objects.requireNonNull(provider, "provider must not be null");
            this.model = Objects.requireNonNull(model, "model must not be null");
            return this;
        }

        public Builder order(int order) {
            this.order = order;
            return this;
        }

        public CacheweaveChatAdvisor build() {
            return new CacheweaveChatAdvisor(this);
        }
    }
}
