package io.cacheweave.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The starter in a web application with Actuator: meters per cache on the application's registry, the
 * {@code cacheweave} endpoint (snapshot, invalidation as a write operation), the health contributor, and the stats
 * page started with the context and stopped with it. Memory tier only.
 */
class ActuatorIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> get(String uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String uri, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void actuator_metricsEndpointHealthAndStatsPage() throws Exception {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BookApplication.class)
                .web(WebApplicationType.SERVLET)
                .properties("spring.main.banner-mode=off", "server.port=0", "cacheweave.monitor.jmx=false",
                        "management.endpoints.web.exposure.include=health,metrics,cacheweave",
                        "management.endpoint.health.show-details=always", "cacheweave.stats.http.enabled=true",
                        "cacheweave.stats.http.port=0")
                .run();
        URI statsPage;
        try {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            String base = "http://127.0.0.1:" + port + "/actuator";
            BookService books = context.getBean(BookService.class);
            books.find("a-1");
            books.find("a-1");

            // A cache's meters are registered by the first read of the monitor's meters after its first use (a
            // scrape; here a read of cache.operations), from a snapshot at most a second old.
            String hits = base + "/metrics/cache.gets?tag=cache:books&tag=result:hit";
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (get(hits).statusCode() != 200 && System.nanoTime() < deadline) {
                get(base + "/metrics/cache.operations");
                Thread.sleep(200);
            }
            JsonNode gets = JSON.readTree(get(hits).body());
            assertThat(gets.path("measurements").get(0).path("value").asDouble()).isEqualTo(1.0);

            JsonNode snapshot = JSON.readTree(get(base + "/cacheweave").body());
            assertThat(snapshot.path("operations").findValuesAsText("operation")).contains("books");

            HttpResponse<String> invalidated = post(base + "/cacheweave", "{\"operation\":\"books\"}");
            assertThat(invalidated.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(invalidated.body()).path("removed").asLong()).isEqualTo(1);
            books.find("a-1");
            assertThat(books.loads("find")).isEqualTo(2);
            assertThat(post(base + "/cacheweave", "{\"pattern\":\"books:[\"}").statusCode()).isEqualTo(400);
            assertThat(post(base + "/cacheweave", "{}").statusCode()).isEqualTo(400);

            JsonNode health = JSON.readTree(get(base + "/health").body());
            assertThat(health.path("components").path("cacheweave").path("status").asText()).isEqualTo("UP");
            assertThat(health.path("components").path("cacheweave").path("details").path("degraded").asBoolean())
                    .isFalse();

            CacheRuntime runtime = context.getBean(CacheRuntime.class);
            assertThat(Cacheweave.runtime()).isSameAs(runtime);
            statsPage = runtime.statsPageUri().orElseThrow();
            assertThat(get(statsPage + "snapshot.json").statusCode()).isEqualTo(200);
        } finally {
            context.close();
        }
        assertThatThrownBy(() -> get(statsPage + "snapshot.json")).isInstanceOf(IOException.class);
    }
}
