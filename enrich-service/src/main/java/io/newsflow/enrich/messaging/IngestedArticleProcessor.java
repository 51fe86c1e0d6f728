package io.newsflow.enrich.messaging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.contract.Article;
import io.newsflow.contract.ArticleEnriched;
import io.newsflow.contract.ArticleIngested;
import io.newsflow.contract.EventJson;
import io.newsflow.contract.Topics;
import io.newsflow.enrich.enrichment.ArticleEnricher;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Enriches each ingested article. The incoming record is acknowledged only once the enriched one is on Kafka (its
 * routed copies are sent and awaited before; a failed copy is logged and counted, not allowed to hold up the main
 * stream); a record that cannot be read or enriched goes to the dead-letter topic. Enrichment
 * is deterministic and the enriched event id derives from the ingested one, so a redelivered record yields the very
 * same event (docs/adr/0002).
 */
@ApplicationScoped
class IngestedArticleProcessor {

    private static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(10);
    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(IngestedArticleProcessor.class);

    private final ArticleEnricher enricher;
    private final Routes routes;
    private final MutinyEmitter<String> routed;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();

    IngestedArticleProcessor(ArticleEnricher enricher, Routes routes,
            @Channel(Topics.ENRICHED_ROUTES) MutinyEmitter<String> routed, MeterRegistry metrics) {
        this.enricher = enricher;
        this.routes = routes;
        this.routed = routed;
        this.metrics = metrics;
    }

    @Incoming(Topics.ARTICLES_INGESTED)
    @Outgoing(Topics.ARTICLES_ENRICHED)
    @Blocking
    Record<String, String> enrich(String value) {
        ArticleIngested ingested = EventJson.readIngested(value);
        Article article = ingested.article();
        ArticleEnriched enriched = ArticleEnriched.of(ingested,
                enricher.enrich(article.title(), article.text(), article.language(), article.tags()), Instant.now(clock));
        String json = EventJson.write(enriched);
        List<String> matching = routes.matching(enriched);
        for (String route : matching) {
            try {
                routed.sendMessage(Message.of(json).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withKey(enriched.articleId()).withTopic(Topics.route(route)).build()))
                        .await().atMost(ROUTE_TIMEOUT);
                metrics.counter("newsflow.enrich.routed", "route", route, "outcome", "sent").increment();
            } catch (RuntimeException e) {
                // A route is a convenience copy: its failure (say, its topic was never created) must not cost the
                // article its place on the main stream, which every consumer relies on.
                LOG.errorf("Route %s did not take article %s: %s", route, enriched.articleId(), e.getMessage());
                metrics.counter("newsflow.enrich.routed", "route", route, "outcome", "failed").increment();
            }
        }
        metrics.counter("newsflow.enrich.articles", "language", String.valueOf(enriched.enrichment().language()))
                .increment();
        return Record.of(enriched.articleId(), json);
    }
}
