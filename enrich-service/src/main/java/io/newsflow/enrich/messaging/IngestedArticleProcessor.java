package io.newsflow.enrich.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newsflow.contract.ArticleEnriched;
import io.newsflow.contract.EventJson;
import io.newsflow.contract.Topics;
import io.newsflow.enrich.ArticleEnrichment;
import io.newsflow.stage.ArticleTraces;
import io.newsflow.stage.DeadLetters;
import io.newsflow.stage.StageMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Enriches ingested articles a Kafka poll at a time (docs/adr/0007): each article of the poll is enriched, all the
 * enriched events are put in flight together, and the poll is acknowledged once Kafka has every one of them. While
 * the broker does not take them (an outage of any length), the same events are sent again until it does, and
 * {@link ForwardingHealth} says so; nothing goes to the dead-letter topic for an outage. A record that cannot be read
 * or enriched goes to the dead-letter topic alone. Enrichment is deterministic and the enriched event id derives from
 * the ingested one, so a resent or redelivered record yields the very same event (docs/adr/0002).
 *
 * <p>Routed copies are sent beside the main event; a failed copy is logged and counted, not allowed to hold up the
 * main stream, which every consumer relies on.
 */
@ApplicationScoped
class IngestedArticleProcessor {

    private static final Logger LOG = Logger.getLogger(IngestedArticleProcessor.class);
    private static final Duration ROUTE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final ArticleEnrichment enrichment;
    private final MutinyEmitter<String> enrichedOut;
    private final MutinyEmitter<String> routed;
    private final MeterRegistry metrics;
    private final StageMetrics stage;
    private final ForwardingHealth health;
    private final ArticleTraces traces;
    private volatile boolean running = true;
    // Registered once per language, not looked up in the registry per article; a language is two letters, so the
    // map holds at most a few hundred.
    private final Map<String, Counter> byLanguage = new ConcurrentHashMap<>();

    // @formatter:off: one annotated parameter per line reads better than the formatter's joined lines.
    IngestedArticleProcessor(ArticleEnrichment enrichment,
            @Channel(Topics.ARTICLES_ENRICHED) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<String> enrichedOut,
            @Channel(Topics.ENRICHED_ROUTES) @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
            MutinyEmitter<String> routed,
            MeterRegistry metrics, @Readiness ForwardingHealth health, ArticleTraces traces) {
        // @formatter:on
        this.enrichment = enrichment;
        this.enrichedOut = enrichedOut;
        this.routed = routed;
        this.metrics = metrics;
        this.stage = StageMetrics.of(metrics, "enrich");
        this.health = health;
        this.traces = traces;
    }

    /** An enriched article and the trace it is part of (its enrichment span), which its events carry on. */
    private record Traced(ArticleEnrichment.Enriched enriched, Context context) {
        ArticleEnriched event() {
            return enriched.event();
        }
    }

    @Incoming(Topics.ARTICLES_INGESTED)
    @Blocking
    CompletionStage<Void> enrich(KafkaRecordBatch<String, String> batch) {
        List<Traced> enriched = new ArrayList<>();
        Map<KafkaRecord<String, String>, RuntimeException> failed = new LinkedHashMap<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            Timer.Sample started = Timer.start(metrics);
            Span span = traces.start("enrich article", traces.of(record), record.getKey());
            try (Scope scope = span.makeCurrent()) {
                ArticleEnrichment.Enriched one = enrichment.enrich(record.getPayload());
                enriched.add(new Traced(one, Context.current()));
                LOG.debugf("Article %s revision %d enriched (language %s)", one.event().articleId(),
                        one.event().revision(), one.event().enrichment().language());
                stage.record(started, 1, 1, 0, 0);
            } catch (RuntimeException e) {
                span.recordException(e);
                span.setStatus(StatusCode.ERROR, "not enriched");
                failed.put(record, e);
                stage.record(started, 1, 0, 0, 1);
            } finally {
                span.end();
            }
        }
        try {
            sendUntilTaken(enriched);
        } catch (InterruptedException e) {
            // Shutting down before the broker took them: the poll stays unacknowledged and is read again.
            Thread.currentThread().interrupt();
            return CompletableFuture.completedFuture(null);
        }
        enriched.forEach(e -> byLanguage.computeIfAbsent(String.valueOf(e.event().enrichment().language()),
                language -> metrics.counter("newsflow.enrich.articles", "language", language)).increment());
        return DeadLetters.thenAck(batch, failed, traces);
    }

    /** Sends the events and their routed copies; sends again what the broker did not acknowledge, until it does. */
    private void sendUntilTaken(List<Traced> enriched) throws InterruptedException {
        List<CompletableFuture<Void>> copies = new ArrayList<>();
        for (Traced one : enriched) {
            for (String route : one.enriched().routes()) {
                copies.add(send(routed, one, Topics.route(route))
                        .whenComplete((ok, e) -> routed(route, one.event(), e)));
            }
        }
        List<Traced> pending = enriched;
        Duration backoff = Duration.ofMillis(200);
        while (!pending.isEmpty()) {
            List<CompletableFuture<Void>> sent = pending.stream().map(e -> send(enrichedOut, e, null)).toList();
            List<Traced> refused = new ArrayList<>();
            Exception lastError = null;
            for (int i = 0; i < sent.size(); i++) {
                try {
                    sent.get(i).get();
                } catch (ExecutionException e) {
                    refused.add(pending.get(i));
                    lastError = e;
                }
            }
            if (refused.isEmpty()) {
                health.forwarding();
                break;
            }
            if (!running) {
                throw new InterruptedException("shutting down with " + refused.size() + " enriched articles unsent");
            }
            health.waiting(refused.size(), lastError);
            LOG.warnf("Kafka did not take %d enriched articles; sending them again in %d ms: %s", refused.size(),
                    backoff.toMillis(), lastError.getMessage());
            Thread.sleep(backoff.toMillis());
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            pending = refused;
        }
        for (CompletableFuture<Void> copy : copies) {
            try {
                copy.get(ROUTE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // Counted and logged by routed(...).
            }
        }
    }

    private static CompletableFuture<Void> send(MutinyEmitter<String> emitter, Traced traced, String topic) {
        ArticleEnriched event = traced.event();
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata = OutgoingKafkaRecordMetadata
                .<String>builder().withKey(event.articleId());
        if (topic != null) {
            metadata = metadata.withTopic(topic);
        }
        try {
            return emitter.sendMessage(ArticleTraces.within(
                    Message.of(EventJson.write(event)).addMetadata(metadata.build()), traced.context()))
                    .subscribeAsCompletionStage();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void routed(String route, ArticleEnriched event, Throwable failure) {
        if (failure == null) {
            metrics.counter("newsflow.enrich.routed", "route", route, "outcome", "sent").increment();
        } else {
            // A route is a convenience copy: its failure (say, its topic was never created) must not cost the
            // article its place on the main stream.
            LOG.errorf("Route %s did not take article %s: %s", route, event.articleId(), failure.getMessage());
            metrics.counter("newsflow.enrich.routed", "route", route, "outcome", "failed").increment();
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
    }
}
