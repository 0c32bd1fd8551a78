package io.cacheweave.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cacheweave.runtime.config.SettingName;
import io.cacheweave.spring.llm.CacheweaveChatProperties;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The IDE metadata names every setting, with the runtime's default, and the chat cache's properties, and nothing else. */
class ConfigurationMetadataTest {

    @Test
    void metadata_describesEverySettingWithItsDefault() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            metadata = new ObjectMapper().readTree(in);
        }
        Map<String, JsonNode> byName = new HashMap<>();
        metadata.path("properties").forEach(p -> byName.put(p.path("name").asText(), p));
        for (SettingName s : SettingName.values()) {
            String name = s.family() ? s.property().substring(0, s.property().indexOf(".<")) : s.property();
            assertThat(byName).as(name).containsKey(name);
            JsonNode entry = byName.get(name);
            assertThat(entry.path("description").asText()).as(name).isNotBlank();
            if (!s.family()) {
                assertThat(entry.has("defaultValue") ? entry.get("defaultValue").asText() : null).as(name)
                        .isEqualTo(s.defaultValue().orElse(null));
            }
        }
        assertThat(byName).containsKey("cacheweave.spring.allow-null-values");
        List<String> chat = chatProperties();
        assertThat(byName.keySet()).containsAll(chat);
        assertThat(byName).hasSize(SettingName.values().length + 1 + chat.size());
    }

    /** @return the bound properties of the chat cache, as Spring names them */
    private static List<String> chatProperties() throws Exception {
        List<String> names = new ArrayList<>();
        for (PropertyDescriptor d : Introspector.getBeanInfo(CacheweaveChatProperties.class, Object.class)
                .getPropertyDescriptors()) {
            names.add(CacheweaveChatProperties.PREFIX + "." + d.getName().replaceAll("([A-Z])", "-$1")
                    .toLowerCase(Locale.ROOT));
        }
        return names;
    }
}
