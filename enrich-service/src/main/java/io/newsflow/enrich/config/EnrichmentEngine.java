package io.newsflow.enrich.config;

import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.enrichment.ArticleEnricher;
import io.newsflow.enrichment.EnrichmentSettings;
import io.quarkus.runtime.Startup;

/** The framework-free enrichment engine, built from {@code newsflow.enrich.*} and timed per step in Micrometer. */
public class EnrichmentEngine {

    static EnrichmentSettings settings(EnrichConfig config) {
        return new EnrichmentSettings(config.languages(), config.maxKeywords(), config.summarySentences(),
                config.disabled().orElse(Set.of()));
    }

    // Built at start-up: the language models take seconds, which belongs before readiness, not in the first message.
    @Produces
    @Singleton
    @Startup
    ArticleEnricher articleEnricher(EnrichConfig config, MeterRegistry metrics) {
        return ArticleEnricher.standard(settings(config), (enricher, succeeded, nanos) -> metrics
                .timer("newsflow.enrich.step", "enricher", enricher, "outcome", succeeded ? "ok" : "failed")
                .record(nanos, TimeUnit.NANOSECONDS));
    }
}
