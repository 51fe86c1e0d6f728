package io.newsflow.enrich;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.newsflow.contract.Article;
import io.newsflow.contract.ArticleEnriched;
import io.newsflow.contract.ArticleIngested;
import io.newsflow.contract.Enrichment;
import io.newsflow.contract.EventJson;
import io.newsflow.contract.MalformedEventException;
import io.newsflow.enrichment.ArticleEnricher;

/**
 * The service's use case: an ingested article becomes its enriched event and the routes it also goes to. The Kafka
 * consumer ({@code messaging/}) and {@code POST /enrich} ({@code rest/}) call it; neither does any enrichment.
 * Deterministic apart from {@code occurredAt}: the enriched event's id derives from the ingested one, so a
 * redelivered record gives the very same event (docs/adr/0002).
 */
@ApplicationScoped
public class ArticleEnrichment {

    private final ArticleEnricher enricher;
    private final Routes routes;
    private final Clock clock;

    @Inject
    ArticleEnrichment(ArticleEnricher enricher, Routes routes) {
        this(enricher, routes, Clock.systemUTC());
    }

    public ArticleEnrichment(ArticleEnricher enricher, Routes routes, Clock clock) {
        this.enricher = enricher;
        this.routes = routes;
        this.clock = clock;
    }

    /** An enriched event and the names of the routes whose topics also get it. */
    public record Enriched(ArticleEnriched event, List<String> routes) {
    }

    /**
     * @param ingested the value of an {@code articles-ingested} record
     * @throws MalformedEventException when it is not an {@code ArticleIngested} the contract accepts
     */
    public Enriched enrich(String ingested) {
        ArticleIngested event = EventJson.readIngested(ingested);
        Article article = event.article();
        ArticleEnriched enriched = ArticleEnriched.of(event,
                enricher.enrich(article.title(), article.text(), article.language(), article.tags()),
                clock.instant());
        return new Enriched(enriched, routes.matching(enriched));
    }

    /** The enrichment of a text on demand, emitting nothing. */
    public Enrichment enrich(String title, String text, String declaredLanguage, List<String> tags) {
        return enricher.enrich(title, text, declaredLanguage, tags == null ? List.of() : tags);
    }
}
