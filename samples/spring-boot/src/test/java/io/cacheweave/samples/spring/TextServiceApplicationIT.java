package io.cacheweave.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.testing.RedisServer;
import io.cacheweave.runtime.testing.RedisServers;
import io.cacheweave.runtime.woven.WovenAtBuildTime;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The sample as a user runs it, against a real Redis the test starts, configured by Spring Data's own settings. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"model.latency-ms=50", "cacheweave.monitor.jmx=false", "spring.main.banner-mode=off"})
class TextServiceApplicationIT {
    private static final RedisServer REDIS = RedisServers.local();
    private static final String TEXT = "Caching is great: a good cache makes a slow model fast.";

    @LocalServerPort
    int port;
    @Autowired
    SlowModel model;
    @Autowired
    CacheRuntime runtime;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        registry.add("spring.data.redis.host", () -> "127.0.0.1");
        registry.add("spring.data.redis.port", REDIS::port);
        registry.add("cacheweave.namespace", REDIS::namespace);
    }

    /**
     * The application's runtime, closed before its Redis stops (else its invalidation bus reports the lost
     * subscription); Spring's test framework closes the application itself later, at the JVM's exit.
     */
    private static CacheRuntime applicationRuntime;

    @Autowired
    void applicationRuntime(CacheRuntime runtime) {
        applicationRuntime = runtime;
    }

    @AfterAll
    static void stopRedis() {
        if (applicationRuntime != null) {
            applicationRuntime.close();
        }
        REDIS.close();
    }

    private HttpResponse<String> call(String method, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        request = method.equals("POST") ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void restEndpoints_cachedInMemoryAndRedis_evictedOnModelUpdate() throws Exception {
        String q = "/summarize?maxWords=4&text=" + URLEncoder.encode(TEXT, StandardCharsets.UTF_8);
        HttpResponse<String> first = call("GET", q);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"text\":\"caching is great a\"");
        int calls = model.calls();
        assertThat(call("GET", q).body()).isEqualTo(first.body());
        assertThat(model.calls()).isEqualTo(calls);
        assertThat(REDIS.keys()).anySatisfy(k -> assertThat(k).contains(":v1:summaries:"));

        assertThat(call("GET", "/sentiment?text=" + URLEncoder.encode(TEXT, StandardCharsets.UTF_8)).body())
                .contains("positive");
        assertThat(runtime.stats("summaries")).hasValueSatisfying(s -> assertThat(s.hits()).isEqualTo(1));

        assertThat(call("POST", "/model-update").statusCode()).isEqualTo(200);
        call("GET", q);
        assertThat(model.calls()).isEqualTo(calls + 2); // the sentiment, and the summary again
        assertThat(call("GET", "/actuator/health").body()).contains("\"cacheweave\"");
    }

    @Test
    void cachedPrivateMethod_wovenAtBuildTime_isCachedWithNoAgent() throws Exception {
        assertThat(ManagementFactory.getRuntimeMXBean().getInputArguments()).noneMatch(a -> a.startsWith("-javaagent"));
        assertThat(ReadingService.class.isAnnotationPresent(WovenAtBuildTime.class))
                .as("cacheweave-maven-plugin wove the class").isTrue();
        String q = "/reading?text=" + URLEncoder.encode("Self-invoked methods escape proxies", StandardCharsets.UTF_8);
        int calls = model.calls();
        String first = call("GET", q).body();
        assertThat(first).contains("\"words\":5", "\"level\":\"hard\""); // "self" and "invoked" count apart
        assertThat(call("GET", q).body()).isEqualTo(first);
        assertThat(model.calls()).as("the private @Cached method ran once").isEqualTo(calls + 1);
        assertThat(runtime.stats("reading")).hasValueSatisfying(s -> assertThat(s.hits()).isEqualTo(1));
        assertThat(REDIS.keys()).anySatisfy(k -> assertThat(k).contains(":v1:reading:"));
    }
}
