package io.cacheweave.runtime.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Families of settings that modules read themselves ({@link SettingName#MODULE_PREFIXES}, such as cacheweave-llm's
 * {@code cacheweave.llm.model-ttl.<model>}): every source keeps them as written, with their source, for
 * {@link Settings#raw(String)}, and none calls them unknown.
 */
class ModuleSettingsTest {
    private static final String PREFIX = SettingName.LLM_MODEL_TTL_PREFIX;

    @TempDir
    Path temp;

    private ClassLoader classPath(String file) throws IOException {
        Path dir = Files.createDirectories(temp.resolve("cp"));
        Files.writeString(dir.resolve("cacheweave.properties"), file, StandardCharsets.UTF_8);
        return new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
    }

    @Test
    void everySource_keepsTheFamilysValuesAsWritten_laterSourcesWin() throws IOException {
        ClassLoader resources = classPath("cacheweave.llm.model-ttl.gpt-4o=24h\n"
                + "cacheweave.llm.model-ttl.llama3.1\\:8b=2h\n"
                + "cacheweave.llm.model-ttl.claude=one day\n");
        Properties system = new Properties();
        system.setProperty("cacheweave.llm.model-ttl.gpt-4o", "12h");
        system.setProperty(Settings.AGENT_ARGUMENTS_PROPERTY, "cacheweave.llm.model-ttl.mistral=90");
        Map<String, String> env = Map.of("CACHEWEAVE_LLM_MODEL_TTL_GPT_4O_MINI", "30m");

        Settings s = SettingsLoader.load(env, system, resources);
        assertEquals(List.of(), s.problems(), "a module's family is not unknown, and its module checks the values");
        SortedMap<String, SettingValue> raw = s.raw(PREFIX);
        assertEquals(List.of(PREFIX + "claude", PREFIX + "gpt-4o", PREFIX + "gpt_4o_mini", PREFIX + "llama3.1:8b",
                PREFIX + "mistral"), List.copyOf(raw.keySet()));
        assertEquals(new SettingValue(PREFIX + "gpt-4o", "12h", "system property"), raw.get(PREFIX + "gpt-4o"),
                "the system property beats the file");
        assertEquals("one day", raw.get(PREFIX + "claude").value(), "as written: the module says what is wrong");
        assertTrue(raw.get(PREFIX + "claude").source().endsWith("cp/cacheweave.properties"),
                raw.get(PREFIX + "claude").source());
        assertEquals(new SettingValue(PREFIX + "gpt_4o_mini", "30m",
                "environment variable CACHEWEAVE_LLM_MODEL_TTL_GPT_4O_MINI"), raw.get(PREFIX + "gpt_4o_mini"),
                "the environment form: the member lower-cased");
        assertEquals("agent argument", raw.get(PREFIX + "mistral").source());
        assertEquals(raw, s.mutate().build().raw(PREFIX), "a copy keeps them");
        assertEquals(Map.of(), s.raw("cacheweave.other."), "nothing under another prefix");
    }

    @Test
    void embeddersValues_keptToo_andNamesOutsideTheFamilyStayUnknown() {
        Settings s = Settings.load(null, List.of(
                new SettingValue(PREFIX + "gpt-4o", "2h", "application.yml"),
                new SettingValue(PREFIX, "1h", "application.yml"),
                new SettingValue("cacheweave.llm.model-tll.gpt-4o", "1h", "application.yml")));
        assertEquals(List.of(PREFIX + "gpt-4o"), List.copyOf(s.raw(PREFIX).keySet()));
        assertEquals(2, s.problems().size(), "no model after the prefix, and a misspelt family: " + s.problems());
        assertTrue(s.problems().get(0).startsWith("unknown setting " + PREFIX + " (application.yml)"),
                s.problems().get(0));
        assertTrue(s.problems().get(1).startsWith("unknown setting cacheweave.llm.model-tll.gpt-4o"),
                s.problems().get(1));
    }
}
