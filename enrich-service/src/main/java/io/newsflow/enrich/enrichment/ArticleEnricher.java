package io.newsflow.enrich.enrichment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newsflow.contract.Enrichment;
import io.newsflow.enrich.config.EnrichConfig;
import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;

/**
 * Runs the enabled enrichers over an article. A pure function of its input, so redelivery gives the same result; an
 * enricher that throws costs the article only that enricher's fields, named in {@code degraded}.
 */
// Built at start-up: the language models take seconds, which belongs before readiness, not in the first message.
@Startup
@ApplicationScoped
public class ArticleEnricher {

    /** Raised whenever a change here changes the fields consumers receive. */
    public static final String ENRICHMENT_VERSION = "2.0.0";

    private static final Logger LOG = Logger.getLogger(ArticleEnricher.class);

    private final List<Enricher> enrichers;
    private final List<String> disabled;
    private final MeterRegistry metrics;

    ArticleEnricher(@All List<Enricher> all, EnrichConfig config, MeterRegistry metrics) {
        this.disabled = all.stream().map(Enricher::name).filter(config.disabled().orElse(java.util.Set.of())::contains).sorted().toList();
        this.enrichers = all.stream().filter(e -> !disabled.contains(e.name()))
                .sorted(Comparator.comparingInt(Enricher::order)).toList();
        this.metrics = metrics;
    }

    /** Every enricher of this package, outside CDI: for benchmarks and tools. */
    public static ArticleEnricher withAllEnrichers(EnrichConfig config, MeterRegistry metrics) {
        return new ArticleEnricher(List.of(new Enrichers.Language(config), new Enrichers.Keywords(config),
                new Enrichers.Entities(), new Enrichers.Categories(), new Enrichers.Summary(config),
                new Enrichers.Statistics()), config, metrics);
    }

    public Enrichment enrich(String title, String text, String declaredLanguage) {
        return enrich(title, text, declaredLanguage, List.of());
    }

    /** @param tags the publisher's own tags, merged into the keywords */
    public Enrichment enrich(String title, String text, String declaredLanguage, List<String> tags) {
        EnrichmentDraft draft = new EnrichmentDraft(title, text, declaredLanguage, tags);
        List<String> degraded = new ArrayList<>(disabled);
        for (Enricher enricher : enrichers) {
            Timer.Sample sample = Timer.start();
            try {
                enricher.enrich(draft);
                sample.stop(metrics.timer("newsflow.enrich.step", "enricher", enricher.name(), "outcome", "ok"));
            } catch (RuntimeException e) {
                sample.stop(metrics.timer("newsflow.enrich.step", "enricher", enricher.name(), "outcome", "failed"));
                LOG.warnf(e, "Enricher %s failed on \"%s\"; the article goes on without its fields", enricher.name(), title);
                degraded.add(enricher.name());
            }
        }
        return new Enrichment(draft.language, draft.languageConfidence, draft.keywords, draft.entities,
                draft.categories, draft.summary, draft.readingTimeMinutes, draft.wordCount, ENRICHMENT_VERSION,
                degraded);
    }
}
