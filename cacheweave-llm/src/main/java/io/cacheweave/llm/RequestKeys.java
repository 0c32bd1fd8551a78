package io.cacheweave.llm;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a {@link ChatCall} canonically: the same request always gives the same text, and requests that differ in
 * anything that shapes the answer never do. Option maps are ordered by name, numbers are written by value ({@code 1},
 * {@code 1.0} and {@code 1L} are one value; {@code 0.7f} is {@code 0.7}), strings are quoted and escaped, so no value
 * can imitate the text around it.
 *
 * <p>The cache key is the list {@code [scope, provider/model, request]}, which the cache renders with the project's
 * key rules: parts escaped, and a request text longer than {@code cacheweave.key.hash-threshold} replaced by its
 * SHA-256. The semantic scope is a digest of everything but the last user message.
 */
final class RequestKeys {

    private RequestKeys() {
    }

    /**
     * @param exactKey the cache key of the request
     * @param semanticScope digest of the request without its last user message (model, options, tools, earlier
     *     messages, caller scope): requests compared by meaning must share it; {@code null} when it was not asked for
     * @param lastUserText the last user message, compared by meaning; {@code null} when there is none
     */
    record Rendered(List<String> exactKey, String semanticScope, String lastUserText) {
    }

    /**
     * @param call the request
     * @param scope the caller's scope (tenant, user), {@code ""} for none
     * @throws IllegalArgumentException naming the option whose value the rules cannot render
     */
    static Rendered render(ChatCall call, String scope) {
        return render(call, scope, true);
    }

    /**
     * @param call the request
     * @param scope the caller's scope (tenant, user), {@code ""} for none
     * @param semantic whether to compute the semantic scope (a SHA-256 the exact hit path does without)
     * @throws IllegalArgumentException naming the option whose value the rules cannot render
     */
    static Rendered render(ChatCall call, String scope, boolean semantic) {
        StringBuilder head = new StringBuilder(256);
        head.append("{options:");
        value(head, call.options(), "options");
        head.append(",tools:[");
        for (int i = 0; i < call.tools().size(); i++) {
            ChatCall.Tool t = call.tools().get(i);
            head.append(i == 0 ? "" : ",").append('{');
            head.append("name:");
            string(head, t.name());
            head.append(",description:");
            string(head, t.description());
            head.append(",parameters:");
            string(head, t.parametersSchema());
            head.append('}');
        }
        head.append("],messages:[");
        int lastUser = call.lastUserIndex();
        StringBuilder full = new StringBuilder(head);
        StringBuilder scoped = semantic ? new StringBuilder(head) : null;
        for (int i = 0; i < call.messages().size(); i++) {
            String comma = i == 0 ? "" : ",";
            full.append(comma);
            turn(full, call.messages().get(i));
            if (scoped == null) {
                continue;
            }
            scoped.append(comma);
            if (i == lastUser) {
                scoped.append("{role:user,text:?}"); // the compared part
            } else {
                turn(scoped, call.messages().get(i));
            }
        }
        full.append("]}");
        String model = call.provider() + "/" + call.model();
        String semanticScope = scoped == null ? null
                : sha256(scope + "\u0000" + model + "\u0000" + scoped.append("]}"));
        return new Rendered(List.of(scope, model, full.toString()), semanticScope, call.lastUserText());
    }

    private static void turn(StringBuilder out, ChatCall.Turn turn) {
        out.append("{role:").append(turn.role()).append(",text:");
        string(out, turn.text());
        if (!turn.toolCalls().isEmpty()) {
            out.append(",calls:[");
            for (int i = 0; i < turn.toolCalls().size(); i++) {
                ChatCall.ToolCall c = turn.toolCalls().get(i);
                out.append(i == 0 ? "" : ",").append("{id:");
                string(out, c.id());
                out.append(",name:");
                string(out, c.name());
                out.append(",arguments:");
                string(out, c.arguments());
                out.append('}');
            }
            out.append(']');
        }
        out.append('}');
    }

    private static void value(StringBuilder out, Object value, String path) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof CharSequence s) {
            string(out, s.toString());
        } else if (value instanceof Boolean b) {
            out.append(b);
        } else if (value instanceof Number n) {
            out.append(number(n, path));
        } else if (value instanceof Enum<?> e) {
            string(out, e.name());
        } else if (value instanceof Map<?, ?> map) {
            TreeMap<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String name)) {
                    throw new IllegalArgumentException("option " + path + " has a key of type "
                            + (e.getKey() == null ? "null" : e.getKey().getClass().getName())
                            + " that the key rules cannot render; keys of option maps must be strings");
                }
                sorted.put(name, e.getValue());
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> e : sorted.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                string(out, e.getKey());
                out.append(':');
                value(out, e.getValue(), path.equals("options") ? e.getKey() : path + "." + e.getKey());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                out.append(i == 0 ? "" : ",");
                value(out, list.get(i), path + "[" + i + "]");
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("option " + path + " has a value of type " + value.getClass().getName()
                    + " that the key rules cannot render; options may be strings, numbers, booleans, enums, null, "
                    + "or lists and string-keyed maps of those");
        }
    }

    private static String number(Number n, String path) {
        if (n instanceof Double d && (d.isNaN() || d.isInfinite()) || n instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return n.toString();
        }
        BigDecimal exact;
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            exact = BigDecimal.valueOf(n.longValue());
        } else if (n instanceof Double || n instanceof Float) {
            exact = new BigDecimal(n.toString()); // the shortest decimal that reads back as this value: 0.7f is 0.7
        } else if (n instanceof BigDecimal b) {
            exact = b;
        } else if (n instanceof BigInteger b) {
            exact = new BigDecimal(b);
        } else {
            throw new IllegalArgumentException("option " + path + " is a number of type " + n.getClass().getName()
                    + " that the key rules cannot render; use Integer, Long, Double, Float, BigDecimal or BigInteger");
        }
        return exact.signum() == 0 ? "0" : exact.stripTrailingZeros().toPlainString();
    }

    private static void string(StringBuilder out, String s) {
        if (s == null) {
            out.append("null");
            return;
        }
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
