package io.cacheweave.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a {@link CacheweaveConfigurationException} the way Spring Boot reports a start-up failure. */
public final class CacheweaveConfigurationFailureAnalyzer
        extends AbstractFailureAnalyzer<CacheweaveConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, CacheweaveConfigurationException cause) {
        StringBuilder description = new StringBuilder("Cacheweave could not start with these settings:\n");
        for (String problem : cause.problems()) {
            description.append("\n    ").append(problem);
        }
        String action = "Correct the setting" + (cause.problems().size() == 1 ? "" : "s") + " named above in "
                + "the source shown (application.properties or .yml, a profile's document, an environment variable, "
                + "a system property); every setting and its form is listed in the Cacheweave README, section "
                + "Configuration.";
        return new FailureAnalysis(description.toString(), action, cause);
    }
}
