package io.cacheweave.spring;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ResourceLoader;

/**
 * Cacheweave in a Spring Boot application: the runtime (settings from Spring's {@code Environment}), installed as the
 * process-wide runtime so {@code @Cached} methods woven into the application's classes use it too, and closed with
 * the context (its stats page and other faces with it); a {@link CacheweaveCacheManager} behind Spring's
 * {@code @Cacheable} and friends, unless the application defines its own {@link CacheManager}; and Spring's caching
 * turned on when the application did not do it with {@code @EnableCaching}.
 */
@AutoConfiguration(beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
public class CacheweaveAutoConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(CacheweaveAutoConfiguration.class);
    /** The runtime of the application context that holds the process-wide place, if any. */
    private static final AtomicReference<CacheRuntime> PROCESS_WIDE = new AtomicReference<>();

    /**
     * @return the settings, read from the environment
     * @throws CacheweaveConfigurationException when a value cannot be used (start-up stops, with a failure analysis)
     */
    @Bean
    @ConditionalOnMissingBean
    public CacheweaveSpringSettings cacheweaveSettings(ConfigurableEnvironment environment, ResourceLoader resources) {
        CacheweaveSpringSettings settings = CacheweaveSpringSettings.load(environment, resources.getClassLoader());
        for (String warning : settings.warnings()) {
            LOG.warn("cacheweave: {}", warning);
        }
        return settings;
    }

    /**
     * @return the application's runtime; also the process-wide one ({@link Cacheweave#runtime()}, which woven
     *     {@code @Cached} methods and the stats page use) unless another application context of this JVM holds that
     *     place, until that context closes
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    public CacheRuntime cacheweaveRuntime(CacheweaveSpringSettings settings) {
        CacheRuntime runtime = CacheRuntime.builder().settings(settings.settings()).build();
        if (PROCESS_WIDE.compareAndSet(null, runtime)) {
            Cacheweave.install(runtime); // starts the monitor's faces the settings ask for
        } else {
            LOG.info("cacheweave: another application context owns the process-wide runtime; this context's runtime "
                    + "serves its own caches only");
        }
        return runtime;
    }

    /** @return what closes the runtime with the context, and gives up the process-wide place */
    @Bean
    RuntimeCloser cacheweaveRuntimeCloser(CacheRuntime runtime) {
        return new RuntimeCloser(runtime);
    }

    /** Closes the runtime (its faces, shared-tier connections, invalidation bus) when the context closes. */
    static final class RuntimeCloser implements AutoCloseable {
        private final CacheRuntime runtime;

        RuntimeCloser(CacheRuntime runtime) {
            this.runtime = runtime;
        }

        @Override
        public void close() {
            PROCESS_WIDE.compareAndSet(runtime, null);
            runtime.close();
        }
    }

    /** @return the value types of the application's cached methods, learned as beans are made */
    @Bean
    static CacheValueTypes cacheweaveValueTypes() {
        return new CacheValueTypes();
    }

    /** @return what sets the typed resolver on Spring's caching interceptors */
    @Bean
    TypedCacheResolver.Installer cacheweaveCacheResolverInstaller(ObjectProvider<CacheAspectSupport> aspects,
            ObjectProvider<CacheManager> cacheManager) {
        return new TypedCacheResolver.Installer(aspects, cacheManager);
    }

    /** @return the cache manager over the runtime */
    @Bean
    @ConditionalOnMissingBean(CacheManager.class)
    public CacheweaveCacheManager cacheManager(CacheRuntime runtime, CacheweaveSpringSettings settings,
            CacheValueTypes valueTypes) {
        return new CacheweaveCacheManager(runtime, settings.allowNullValues(), valueTypes);
    }

    /** Turns on Spring's annotation-driven caching when the application has not. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(CacheAspectSupport.class)
    @EnableCaching
    static class CachingConfiguration {
    }
}
