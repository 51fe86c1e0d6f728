package io.newsflow.enrich.messaging;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.contract.Article;
import io.newsflow.contract.ArticleEnriched;
import io.newsflow.contract.ArticleIngested;
import io.newsflow.contract.EventJson;
import io.newsflow.contract.Topics;
import io.newsflow.enrich.enrichment.ArticleEnricher;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Enriches each ingested article. The incoming record is acknowledged only once the enriched one is on Kafka; a
 * record that cannot be read or enriched goes to the dead-letter topic. Enrichment is deterministic and the enriched
 * event id derives from the ingested one, so a redelivered record yields the very same event (docs/adr/0002).
 */
@ApplicationScoped
class IngestedArticleProcessor {

    private final ArticleEnricher enricher;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();

    IngestedArticleProcessor(ArticleEnricher enricher, MeterRegistry metrics) {
        this.enricher = enricher;
        this.metrics = metrics;
    }

    @Incoming(Topics.ARTICLES_INGESTED)
    @Outgoing(Topics.ARTICLES_ENRICHED)
    @Blocking
    Record<String, String> enrich(String value) {
        ArticleIngested ingested = EventJson.readIngested(value);
        Article article = ingested.article();
        ArticleEnriched enriched = ArticleEnriched.of(ingested,
                enricher.enrich(article.title(), article.text(), article.language()), Instant.now(clock));
        metrics.counter("newsflow.enrich.articles", "language", enriched.enrichment().language()).increment();
        return Record.of(enriched.articleId(), EventJson.write(enriched));
    }
}
