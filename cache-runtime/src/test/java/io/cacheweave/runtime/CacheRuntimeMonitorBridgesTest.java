package io.cacheweave.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheweave.runtime.config.Settings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The process-wide runtime starts the bridges its settings ask for through {@link CacheRuntime#monitor()}. Until the
 * monitor lands that call throws, which must stay inside the runtime; once it lands the page must be served.
 */
class CacheRuntimeMonitorBridgesTest {

    @Test
    void install_statsPageAsked_startsItWhenTheMonitorExists_neverThrows() throws Exception {
        CacheRuntime rt = CacheRuntime.builder().settings(Settings.builder().statsPage(p -> p.enabled(true).port(0))
                .build()).build();
        Cacheweave.install(rt); // must not throw, whatever monitor() does
        boolean monitorAvailable;
        try {
            rt.monitor();
            monitorAvailable = true;
        } catch (UnsupportedOperationException placeholder) {
            monitorAvailable = false;
        }
        Optional<URI> page = rt.statsPageUri();
        assertEquals(monitorAvailable, page.isPresent());
        if (page.isPresent()) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    page.get().resolve("/snapshot.json")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
        }
        Cacheweave.install(CacheRuntime.builder().settings(Settings.create()).build());
        assertEquals(Optional.empty(), rt.statsPageUri(), "the replaced runtime's page is closed");
        assertTrue(rt.settings().statsPage().enabled());
    }

    @Test
    void builtButNotInstalled_startsNoFace() {
        try (CacheRuntime rt = CacheRuntime.builder().settings(Settings.builder().statsPage(p -> p.enabled(true)
                .port(0)).build()).build()) {
            assertEquals(Optional.empty(), rt.statsPageUri());
        }
    }
}
