package io.cacheweave.samples.prompt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The template modules a prompt is assembled from, in their fixed order, and how a set of them is compiled: the
 * modules' texts in module order, every {@code {{placeholder}}} checked and listed. Compiling takes a while on
 * purpose ({@code compileMillis} per module), standing in for loading and checking templates from files or a
 * database.
 */
public final class PromptTemplates {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    /** The modules of the sample, in order. */
    public static final Map<String, String> SAMPLE_MODULES = sampleModules();

    private final Map<String, String> modules;
    private final long compileMillis;

    /**
     * @param modules module texts by name, in module order
     * @param compileMillis how long compiling one module takes
     */
    public PromptTemplates(Map<String, String> modules, long compileMillis) {
        this.modules = new LinkedHashMap<>(modules);
        this.compileMillis = compileMillis;
    }

    /** @return the module names, in module order */
    public List<String> order() {
        return List.copyOf(modules.keySet());
    }

    /**
     * @param names module names, any order, no repeats
     * @return them in module order
     * @throws IllegalArgumentException naming an unknown module
     */
    public List<String> inOrder(List<String> names) {
        for (String name : names) {
            if (!modules.containsKey(name)) {
                throw new IllegalArgumentException("module must be one of " + modules.keySet() + ": " + name);
            }
        }
        return order().stream().filter(names::contains).toList();
    }

    /**
     * @param names module names, in module order
     * @return their compiled template: the texts joined by blank lines, placeholders checked
     */
    public String compile(List<String> names) {
        StringBuilder out = new StringBuilder();
        for (String name : names) {
            String text = modules.get(name);
            if (text == null) {
                throw new IllegalArgumentException("module must be one of " + modules.keySet() + ": " + name);
            }
            checkPlaceholders(name, text);
            pause();
            out.append(out.length() == 0 ? "" : "\n\n").append(text);
        }
        return out.toString();
    }

    /**
     * @param template a compiled template
     * @param variables a value for each placeholder
     * @return the prompt
     * @throws IllegalArgumentException naming a placeholder without a value
     */
    public static String fill(String template, Map<String, String> variables) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("variables must give a value for {{" + m.group(1) + "}}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }

    private static void checkPlaceholders(String name, String text) {
        int open = text.indexOf("{{");
        while (open >= 0) {
            if (!PLACEHOLDER.matcher(text).region(open, text.length()).lookingAt()) {
                throw new IllegalArgumentException("module " + name + " has a malformed placeholder at " + open);
            }
            open = text.indexOf("{{", open + 2);
        }
    }

    private void pause() {
        try {
            Thread.sleep(compileMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling a template", e);
        }
    }

    private static Map<String, String> sampleModules() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("base", "You are a careful assistant for {{product}}. Answer only what you know.");
        m.put("identity", "You are talking to {{user_name}}, who works as {{role}}.");
        m.put("language", "Answer in {{language}}.");
        m.put("format", "Format every answer as {{format}}.");
        m.put("safety", "Decline requests for personal data about other people.");
        m.put("examples", "Example question: how do I reset my password? Example answer: open Settings, then "
                + "Security.");
        return Collections.unmodifiableMap(m);
    }
}
