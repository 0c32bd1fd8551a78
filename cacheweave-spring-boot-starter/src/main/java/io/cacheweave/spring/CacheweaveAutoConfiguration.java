package io.cacheweave.spring;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
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

    /** @return the application's runtime, also the process-wide one ({@link Cacheweave#runtime()}) */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public CacheRuntime cacheweaveRuntime(CacheweaveSpringSettings settings) {
        CacheRuntime runtime = CacheRuntime.builder().settings(settings.settings()).build();
        Cacheweave.install(runtime);
        return runtime;
    }

    /** @return the value types of the application's cached methods, learned as beans are made */
    @Bean
    static CacheValueTypes cacheweaveValueTypes() {
        return new CacheValueTypes();
    }

    /** @return what sets the typed resolver on Spring's caching interceptor */
    @Bean
    static TypedCacheResolver.Installer cacheweaveCacheResolverInstaller(ObjectProvider<CacheManager> cacheManager) {
        return new TypedCacheResolver.Installer(cacheManager);
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
