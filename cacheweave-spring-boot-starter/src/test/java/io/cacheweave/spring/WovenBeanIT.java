package io.cacheweave.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.cacheweave.runtime.CacheRuntime;
import io.cacheweave.runtime.Cacheweave;
import io.cacheweave.runtime.woven.WovenAtBuildTime;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * {@code @Cached} on a Spring bean, woven into its class: a private, self-invoked method is cached, where the same
 * call through Spring's {@code @Cacheable} is not, since it never passes the proxy. The woven method uses the
 * application's runtime, configured from Spring's environment. Run twice, each run checking it is what it claims:
 * under the {@code -javaagent} jar users get ({@code woven-under-agent}, {@code it.weaving=agent}), and with no agent
 * over test classes woven by {@code cacheweave-maven-plugin}'s {@code weave-tests} goal ({@code woven-at-build-time},
 * {@code it.weaving=build}).
 */
class WovenBeanIT {

    @Test
    void thisRun_isTheWeavingModeItClaims() {
        boolean agent = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-javaagent:"));
        boolean marked = SelfInvokingBean.class.isAnnotationPresent(WovenAtBuildTime.class);
        switch (System.getProperty("it.weaving", "")) {
            case "agent" -> assertThat(agent && !marked).as("agent %s, marked %s", agent, marked).isTrue();
            case "build" -> assertThat(!agent && marked).as("agent %s, marked %s", agent, marked).isTrue();
            default -> throw new AssertionError("run WovenBeanIT through failsafe with -Dit.weaving=agent or build");
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
        @Bean
        SelfInvokingBean selfInvokingBean() {
            return new SelfInvokingBean();
        }
    }

    @Test
    void selfInvokedCachedMethod_isCached_whereCacheableIsNot() {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "cacheweave.monitor.jmx=false",
                        "cacheweave.ttl.self-summaries=10m")
                .run();
        try {
            SelfInvokingBean bean = context.getBean(SelfInvokingBean.class);
            assertThat(bean.viaCached("a")).isEqualTo(bean.viaCached("a"));
            assertThat(bean.wovenLoads()).isEqualTo(1);

            bean.viaCacheable("a");
            bean.viaCacheable("a");
            assertThat(bean.springLoads()).isEqualTo(2); // self-invocation passes no proxy
            bean.summarizeSpring("b");
            bean.summarizeSpring("b");
            assertThat(bean.springLoads()).isEqualTo(3); // through the proxy, from outside, it is cached

            CacheRuntime runtime = context.getBean(CacheRuntime.class);
            assertThat(Cacheweave.runtime()).isSameAs(runtime);
            assertThat(runtime.stats("self-summaries")).hasValueSatisfying(s -> assertThat(s.hits()).isEqualTo(1));
            assertThat(runtime.settings().core().operationTtl("self-summaries")).hasValueSatisfying(
                    ttl -> assertThat(ttl.toMinutes()).isEqualTo(10));
        } finally {
            context.close();
        }
    }
}
