package io.cacheweave.spring;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.spring.actuate.CacheweaveEndpoint;
import io.cacheweave.spring.actuate.CacheweaveEndpointSection;
import io.cacheweave.spring.actuate.CacheweaveHealthIndicator;
import io.cacheweave.spring.actuate.CacheweaveMeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The runtime's faces in Spring Boot's own observability, each when its library is present: meters on the
 * application's {@code MeterRegistry} (Micrometer), the Actuator endpoint {@code cacheweave}, and the health
 * contributor {@code cacheweave}.
 */
@AutoConfiguration(after = CacheweaveAutoConfiguration.class)
@ConditionalOnBean(CacheRuntime.class)
public class CacheweaveActuatorAutoConfiguration {

    /** Meters of every cache on the application's registries. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
    static class Meters {
        @Bean
        @ConditionalOnMissingBean
        CacheweaveMeterBinder cacheweaveMeterBinder(CacheRuntime runtime, CacheweaveSpringSettings settings) {
            return new CacheweaveMeterBinder(runtime, settings.meters());
        }
    }

    /** The endpoint. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class Endpoint {
        @Bean
        @ConditionalOnMissingBean
        CacheweaveEndpoint cacheweaveEndpoint(CacheRuntime runtime,
                ObjectProvider<CacheweaveEndpointSection> sections) {
            return new CacheweaveEndpoint(runtime, () -> sections.orderedStream().iterator());
        }
    }

    /** The health contributor. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class Health {
        @Bean
        @ConditionalOnMissingBean(name = "cacheweaveHealthIndicator")
        CacheweaveHealthIndicator cacheweaveHealthIndicator(CacheRuntime runtime) {
            return new CacheweaveHealthIndicator(runtime);
        }
    }
}
