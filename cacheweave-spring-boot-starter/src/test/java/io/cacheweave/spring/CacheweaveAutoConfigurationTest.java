package io.cacheweave.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class CacheweaveAutoConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CacheweaveAutoConfiguration.class))
            .withPropertyValues("cacheweave.monitor.jmx=false");

    /** Two methods that put different types into one cache. */
    public static class MixedTypes {
        private int titles;

        public int titles() {
            return titles;
        }

        @Cacheable("books")
        public Book find(String isbn) {
            return new Book(isbn, "t");
        }

        @Cacheable(cacheNames = "books", key = "'title:' + #isbn")
        public String title(String isbn) {
            titles++;
            return "a text in a cache of books";
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class MixedTypesConfiguration {
        @Bean
        MixedTypes mixedTypes() {
            return new MixedTypes();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnCacheManager {
        @Bean
        CacheManager cacheManager() {
            return new ConcurrentMapCacheManager();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BookConfiguration {
        @Bean
        BookService bookService() {
            return new BookService();
        }
    }

    @Test
    void autoConfiguration_runtimeCacheManagerAndCaching() {
        runner.withUserConfiguration(BookConfiguration.class).run(context -> {
            assertThat(context).hasSingleBean(CacheRuntime.class).hasSingleBean(CacheweaveCacheManager.class);
            assertThat(Cacheweave.runtime()).isSameAs(context.getBean(CacheRuntime.class));
            CacheweaveCacheManager manager = context.getBean(CacheweaveCacheManager.class);
            assertThat(((CacheweaveCache) manager.getCache("books")).valueType()).isEqualTo(Book.class);
        });
    }

    @Test
    void cacheHoldsOneValueType_otherTypeRunsUncachedWithAWarning() {
        try (CapturedLog log = new CapturedLog("io.cacheweave.spring")) {
            runner.withUserConfiguration(MixedTypesConfiguration.class).run(context -> {
                MixedTypes bean = context.getBean(MixedTypes.class);
                assertThat(bean.find("1")).isSameAs(bean.find("1"));
                bean.title("1");
                bean.title("1");
                assertThat(bean.titles()).isEqualTo(2);
            });
            assertThat(log.messages()).contains("WARN cacheweave: cache \"books\" holds io.cacheweave.spring.Book "
                    + "(declared by MixedTypes.find), but MixedTypes.title returns java.lang.String; a cache holds one "
                    + "value type, so MixedTypes.title runs uncached: give it a cache name of its own");
        }
    }

    @Test
    void applicationsOwnCacheManager_wins() {
        runner.withUserConfiguration(OwnCacheManager.class).run(context -> {
            assertThat(context).hasSingleBean(CacheManager.class).doesNotHaveBean(CacheweaveCacheManager.class);
            assertThat(context).hasSingleBean(CacheRuntime.class);
        });
    }

    @Test
    void settings_fromTheActiveProfilesDocuments() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BookApplication.class)
                .web(WebApplicationType.NONE).profiles("fast")
                .properties("spring.config.name=profiles-test", "spring.main.banner-mode=off",
                        "cacheweave.monitor.jmx=false")
                .run();
        try {
            CacheRuntime runtime = context.getBean(CacheRuntime.class);
            assertThat(runtime.settings().core().defaultTtl()).isEqualTo(Duration.ofMinutes(5));
            assertThat(runtime.settings().memory().maxEntries()).isEqualTo(500);
        } finally {
            context.close();
        }
    }

    @Test
    void malformedSetting_stopsStartUpWithAFailureAnalysis() throws Exception {
        assertThatThrownBy(() -> new SpringApplicationBuilder(BookApplication.class).web(WebApplicationType.NONE)
                .properties("spring.config.name=bad-settings", "spring.main.banner-mode=off",
                        "logging.level.org.springframework=OFF").run()) // the failure is asserted on here
                .hasRootCauseInstanceOf(CacheweaveConfigurationException.class)
                .satisfies(e -> {
                    FailureAnalysis analysis = new CacheweaveConfigurationFailureAnalyzer().analyze(e);
                    assertThat(analysis.getDescription()).contains("cacheweave.ttl.default=\"banana\" "
                            + "(class path resource [bad-settings.properties] - 1:")
                            .contains("is not a duration; use a positive number of seconds");
                    assertThat(analysis.getAction()).contains("Correct the setting named above");
                });
        java.util.Properties factories = new java.util.Properties();
        try (java.io.InputStream in = getClass().getResourceAsStream("/META-INF/spring.factories")) {
            factories.load(in);
        }
        assertThat(factories.getProperty(FailureAnalyzer.class.getName()))
                .contains(CacheweaveConfigurationFailureAnalyzer.class.getName());
    }
}
