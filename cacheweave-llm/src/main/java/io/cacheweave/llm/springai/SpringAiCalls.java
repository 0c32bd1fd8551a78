package io.cacheweave.llm.springai;

import io.cacheweave.llm.ChatAnswer;
import io.cacheweave.llm.ChatCall;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.messages.ToolResponseMessage;
import org.springframework.ai.chat.messages.UserMessage;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.metadata.ChatResponseMetadata;
import org.springframework.ai.chat.metadata.DefaultUsage;
import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.ai.chat.prompt.Prompt;
import org.springframework.ai.model.tool.ToolCallingChatOptions;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.ToolDefinition;

/** Translates between Spring AI's prompts and responses and the cache's framework-free ones. */
final class SpringAiCalls {

    /** Getters that are not options of the answer, or that are rendered on their own. */
    private static final Set<String> NOT_OPTIONS = Set.of("getClass", "getToolCallbacks", "getToolContext",
            "getToolNames", "getInternalToolExecutionEnabled", "getHttpHeaders", "copy", "mutate");

    private SpringAiCalls() {
    }

    /**
     * @param prompt the prompt as the advisor chain passes it
     * @param provider the provider of the model the chat client fronts
     * @param defaultModel its model, for prompts whose options name none
     * @throws IllegalArgumentException when an option's value cannot be rendered
     */
    static ChatCall call(Prompt prompt, String provider, String defaultModel) {
        ChatOptions o = prompt.getOptions();
        Map<String, Object> options = new LinkedHashMap<>();
        List<ChatCall.Tool> tools = new ArrayList<>();
        String model = null;
        if (o != null) {
            model = o.getModel();
            options.put("optionsType", o.getClass().getName());
            for (Method m : getters(o.getClass())) {
                Object value;
                try {
                    value = m.invoke(o);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    throw new IllegalArgumentException("option " + property(m) + " could not be read: " + e, e);
                }
                if (value != null) {
                    options.put(property(m), plain(value, property(m)));
                }
            }
            if (o instanceof ToolCallingChatOptions t) {
                if (t.getToolCallbacks() != null) {
                    for (ToolCallback callback : t.getToolCallbacks()) {
                        ToolDefinition d = callback.getToolDefinition();
                        tools.add(new ChatCall.Tool(d.name(), d.description(), d.inputSchema()));
                    }
                }
            }
        }
        options.remove("model");
        List<ChatCall.Turn> turns = new ArrayList<>();
        for (Message m : prompt.getInstructions()) {
            turns.add(turn(m));
        }
        return new ChatCall(provider, model == null ? defaultModel : model, turns, tools, options);
    }

    private static ChatCall.Turn turn(Message m) {
        String role = m.getMessageType().getValue().toLowerCase(Locale.ROOT);
        if (m instanceof UserMessage u) {
            StringBuilder text = new StringBuilder(u.getText() == null ? "" : u.getText());
            u.getMedia().forEach(media -> text.append('\u0000').append(media.getMimeType()).append(' ')
                    .append(media.getData()));
            return new ChatCall.Turn("user", text.toString(), List.of());
        }
        if (m instanceof AssistantMessage a) {
            List<ChatCall.ToolCall> calls = new ArrayList<>();
            for (AssistantMessage.ToolCall c : a.getToolCalls()) {
                calls.add(new ChatCall.ToolCall(c.id(), c.name(), c.arguments()));
            }
            return new ChatCall.Turn("assistant", a.getText(), calls);
        }
        if (m instanceof ToolResponseMessage t) {
            List<ChatCall.ToolCall> calls = new ArrayList<>();
            for (ToolResponseMessage.ToolResponse r : t.getResponses()) {
                calls.add(new ChatCall.ToolCall(r.id(), r.name(), r.responseData()));
            }
            return new ChatCall.Turn("tool", "", calls);
        }
        return new ChatCall.Turn(role, m.getText(), List.of());
    }

    /** The option getters of each options class, found once per class (a hit would otherwise list them per call). */
    private static final ClassValue<List<Method>> GETTERS = new ClassValue<>() {
        @Override
        protected List<Method> computeValue(Class<?> type) {
            return List.copyOf(findGetters(type));
        }
    };

    private static List<Method> getters(Class<?> type) {
        return GETTERS.get(type);
    }

    private static List<Method> findGetters(Class<?> type) {
        List<Method> getters = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && m.getReturnType() != void.class
                    && (m.getName().startsWith("get") || m.getName().startsWith("is") && m.getReturnType() == boolean.class)
                    && !NOT_OPTIONS.contains(m.getName()) && m.getDeclaringClass() != Object.class) {
                getters.add(m);
            }
        }
        getters.sort(Comparator.comparing(Method::getName));
        return getters;
    }

    private static String property(Method m) {
        String n = m.getName().startsWith("is") ? m.getName().substring(2) : m.getName().substring(3);
        return n.isEmpty() ? n : Character.toLowerCase(n.charAt(0)) + n.substring(1);
    }

    /**
     * @return {@code value} as key rules render it: plain values as they are, records and other value types that
     *     write themselves by their text
     */
    private static Object plain(Object value, String name) {
        if (value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Enum<?> || value instanceof List<?> || value instanceof Map<?, ?>) {
            return value;
        }
        if (value instanceof java.util.Collection<?> c) {
            return new ArrayList<>(c);
        }
        if (value.getClass().isArray()) {
            return value instanceof Object[] a ? Arrays.asList(a) : value.toString();
        }
        if (value.getClass().isRecord() || overridesToString(value.getClass())) {
            return value.getClass().getName() + value;
        }
        throw new IllegalArgumentException("option " + name + " has a value of type " + value.getClass().getName()
                + " that neither the key rules nor its own toString can render");
    }

    private static boolean overridesToString(Class<?> type) {
        try {
            return type.getMethod("toString").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** @return what the cache stores of {@code response} */
    static ChatAnswer answer(ChatResponse response) {
        Generation g = response.getResult();
        AssistantMessage out = g == null ? null : g.getOutput();
        List<ChatCall.ToolCall> calls = new ArrayList<>();
        if (out != null) {
            for (AssistantMessage.ToolCall c : out.getToolCalls()) {
                calls.add(new ChatCall.ToolCall(c.id(), c.name(), c.arguments()));
            }
        }
        ChatResponseMetadata meta = response.getMetadata();
        Usage usage = meta == null ? null : meta.getUsage();
        return new ChatAnswer(out == null ? null : out.getText(), calls,
                g == null || g.getMetadata() == null ? null : g.getMetadata().getFinishReason(),
                usage == null || usage.getPromptTokens() == null ? 0 : usage.getPromptTokens(),
                usage == null || usage.getCompletionTokens() == null ? 0 : usage.getCompletionTokens(),
                meta == null ? null : meta.getModel());
    }

    /** @return a response holding {@code text} (a whole answer, or one part of a replayed stream) */
    static ChatResponse response(ChatAnswer answer, String text, boolean last) {
        List<AssistantMessage.ToolCall> calls = new ArrayList<>();
        if (last) {
            for (ChatCall.ToolCall c : answer.toolCalls()) {
                calls.add(new AssistantMessage.ToolCall(c.id(), "function", c.name(), c.arguments()));
            }
        }
        AssistantMessage message = AssistantMessage.builder().content(text).toolCalls(calls).build();
        ChatGenerationMetadata generation = last && answer.finishReason() != null
                ? ChatGenerationMetadata.builder().finishReason(answer.finishReason()).build()
                : ChatGenerationMetadata.NULL;
        ChatResponseMetadata.Builder meta = ChatResponseMetadata.builder();
        if (answer.model() != null) {
            meta.model(answer.model());
        }
        meta.usage(new DefaultUsage(0, 0)); // a hit consumed no tokens; what it saved is in the cache's savings
        return new ChatResponse(List.of(new Generation(message, generation)), meta.build());
    }
}
