package io.cacheweave.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequestKeysTest {

    private static ChatCall call(String system, String user, Map<String, ?> options) {
        return new ChatCall("openai", "gpt-4o", List.of(ChatCall.Turn.system(system), ChatCall.Turn.user(user)),
                List.of(), options);
    }

    private static List<String> key(ChatCall call) {
        return RequestKeys.render(call, "").exactKey();
    }

    @Test
    void render_optionOrderAndNumberTypes_sameKey() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("temperature", 0);
        a.put("maxTokens", 100);
        a.put("stop", List.of("\n"));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("stop", List.of("\n"));
        b.put("maxTokens", 100L);
        b.put("temperature", 0.0d);
        assertEquals(key(call("be brief", "hi", a)), key(call("be brief", "hi", b)));
        assertEquals(key(call("s", "q", Map.of("topP", 0.7f))), key(call("s", "q", Map.of("topP", new BigDecimal("0.70")))));
    }

    @Test
    void render_anythingThatShapesTheAnswer_differentKey() {
        ChatCall base = call("be brief", "what is 2+2?", Map.of("temperature", 0));
        List<String> k = key(base);
        assertNotEquals(k, key(call("be verbose", "what is 2+2?", Map.of("temperature", 0))), "system prompt");
        assertNotEquals(k, key(call("be brief", "what is 2+3?", Map.of("temperature", 0))), "question");
        assertNotEquals(k, key(call("be brief", "what is 2+2?", Map.of("temperature", 0, "maxTokens", 5))), "option");
        assertNotEquals(k, key(new ChatCall("openai", "gpt-4o-mini", base.messages(), List.of(), base.options())),
                "model");
        assertNotEquals(k, key(new ChatCall("azure", "gpt-4o", base.messages(), List.of(), base.options())),
                "provider");
        assertNotEquals(k, key(new ChatCall("openai", "gpt-4o", base.messages(),
                List.of(new ChatCall.Tool("add", "adds", "{}")), base.options())), "tools");
        assertNotEquals(k, key(new ChatCall("openai", "gpt-4o", List.of(ChatCall.Turn.user("what is 2+2?"),
                ChatCall.Turn.system("be brief")), List.of(), base.options())), "message order");
        assertNotEquals(k, RequestKeys.render(base, "tenant-a").exactKey(), "scope");
        assertNotEquals(RequestKeys.render(base, "tenant-a").exactKey(), RequestKeys.render(base, "tenant-b").exactKey());
    }

    @Test
    void render_textThatImitatesStructure_cannotCollide() {
        ChatCall one = new ChatCall("p", "m", List.of(ChatCall.Turn.user("a\"},{role:user,text:\"b")), List.of(),
                Map.of());
        ChatCall two = new ChatCall("p", "m", List.of(ChatCall.Turn.user("a"), ChatCall.Turn.user("b")), List.of(),
                Map.of());
        assertNotEquals(key(one), key(two));
    }

    @Test
    void render_semanticScope_ignoresOnlyTheLastQuestion() {
        RequestKeys.Rendered a = RequestKeys.render(call("s", "what is the capital of France?", Map.of()), "t");
        RequestKeys.Rendered b = RequestKeys.render(call("s", "which city is France's capital?", Map.of()), "t");
        assertEquals(a.semanticScope(), b.semanticScope());
        assertNotEquals(a.semanticScope(), RequestKeys.render(call("other", "which city is France's capital?",
                Map.of()), "t").semanticScope());
        assertNotEquals(a.semanticScope(), RequestKeys.render(call("s", "what is the capital of France?", Map.of()),
                "u").semanticScope());
        assertEquals("which city is France's capital?", b.lastUserText());
    }

    @Test
    void render_optionOfUnknownType_namesTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> key(call("s", "q", Map.of("responseFormat", new Object()))));
        assertTrue(e.getMessage().startsWith("option responseFormat has a value of type java.lang.Object"),
                e.getMessage());
        IllegalArgumentException nested = assertThrows(IllegalArgumentException.class,
                () -> key(call("s", "q", Map.of("extra", Map.of("deep", List.of(1, "x", Thread.currentThread()))))));
        assertTrue(nested.getMessage().startsWith("option extra.deep[2] has a value of type java.lang.Thread"),
                nested.getMessage());
    }
}
