package io.newsflow.publish.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newsflow.contract.ArticleEnriched;
import io.newsflow.contract.EventJson;
import io.newsflow.contract.MalformedEventException;
import io.newsflow.contract.Topics;
import io.newsflow.publish.ArticlePublishing;
import io.newsflow.publish.ArticlePublishing.Received;
import io.newsflow.publish.config.PublishConfig;
import io.newsflow.publish.store.ArticleStore.Source;
import io.newsflow.publish.store.StoredArticle;
import io.newsflow.stage.ArticleTraces;
import io.newsflow.stage.DeadLetters;
import io.newsflow.stage.StageMetrics;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Publishes enriched articles a Kafka poll at a time through {@link ArticlePublishing}: one read of the stored
 * revisions and one bulk write of guarded upserts per poll (docs/adr/0007). Offsets are committed only after the poll is stored, so an article is either
 * stored or read again. An unreadable record goes to the dead-letter topic alone; an unreachable MongoDB makes this
 * method wait and retry for as long as the outage lasts, which holds consumption instead of losing articles to the
 * dead-letter topic, and {@link StoringHealth} says so meanwhile.
 */
@ApplicationScoped
class EnrichedArticleConsumer {

    private static final Logger LOG = Logger.getLogger(EnrichedArticleConsumer.class);

    private final ArticlePublishing publishing;
    private final PublishConfig config;
    private final MeterRegistry metrics;
    private final StageMetrics stage;
    private final StoringHealth health;
    private final ArticleTraces traces;
    private volatile boolean running = true;

    EnrichedArticleConsumer(ArticlePublishing publishing, PublishConfig config, MeterRegistry metrics,
            @Readiness StoringHealth health, ArticleTraces traces) {
        this.publishing = publishing;
        this.traces = traces;
        this.config = config;
        this.metrics = metrics;
        this.stage = StageMetrics.of(metrics, "publish");
        this.health = health;
    }

    @Incoming(Topics.ARTICLES_ENRICHED)
    @Blocking
    CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) {
        Timer.Sample started = Timer.start(metrics);
        List<Received> events = new ArrayList<>();
        Map<KafkaRecord<String, String>, MalformedEventException> unreadable = new LinkedHashMap<>();
        // Each article's part in the poll's one bulk write, in the article's own trace.
        List<Span> spans = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            try {
                IncomingKafkaRecordMetadata<?, ?> where = record.getMetadata(IncomingKafkaRecordMetadata.class)
                        .orElseThrow();
                events.add(new Received(EventJson.readEnriched(record.getPayload()),
                        new Source(where.getPartition(), where.getOffset())));
                spans.add(traces.start("store article", traces.of(record), record.getKey())
                        .setAttribute("db.system", "mongodb").setAttribute("db.operation.name", "bulkWrite")
                        .setAttribute("newsflow.batch.size", batch.getRecords().size()));
            } catch (MalformedEventException e) {
                unreadable.put(record, e);
            }
        }
        List<StoredArticle> stored;
        try {
            stored = storeWhenReachable(events);
        } catch (ShuttingDown | InterruptedException e) {
            spans.forEach(span -> span.setAttribute("newsflow.outcome", "left for the restart").end());
            // Shutting down while MongoDB is away: the poll is left unacknowledged, so its offsets are not committed
            // and it is read again after the restart; it is not a dead letter.
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            // Not an outage: the poll fails (and is read again); its articles' spans say why.
            spans.forEach(span -> {
                span.recordException(e);
                span.setStatus(StatusCode.ERROR, "not stored");
                span.end();
            });
            throw e;
        }
        Set<String> changed = stored.stream().map(a -> a.id() + ":" + a.revision()).collect(Collectors.toSet());
        for (int i = 0; i < spans.size(); i++) {
            ArticleEnriched event = events.get(i).event();
            String outcome = changed.contains(event.articleId() + ":" + event.revision()) ? "stored"
                    : "already stored";
            Span span = spans.get(i).setAttribute("newsflow.outcome", outcome);
            if (LOG.isDebugEnabled()) {
                // In the article's trace, so that the line carries its trace id.
                try (Scope scope = span.makeCurrent()) {
                    LOG.debugf("Article %s revision %d %s", event.articleId(), event.revision(), outcome);
                }
            }
            span.end();
        }
        // Out: stored, or found stored already (a redelivery, an older revision): done with either way.
        stage.record(started, batch.getRecords().size(), events.size(), 0,
                unreadable.size());
        metrics.counter("newsflow.publish.articles", "outcome", "stored").increment(stored.size());
        metrics.counter("newsflow.publish.articles", "outcome", "duplicate").increment(batch.getRecords().size()
                - stored.size() - unreadable.size());
        return DeadLetters.thenAck(batch, unreadable, traces);
    }

    /** The service stopped before MongoDB came back. */
    private static final class ShuttingDown extends Exception {
        ShuttingDown() {
            super(null, null, false, false);
        }
    }

    /** @return the articles this poll changed */
    private List<StoredArticle> storeWhenReachable(List<Received> events) throws InterruptedException,
            ShuttingDown {
        Duration backoff = Duration.ofMillis(100);
        while (true) {
            try {
                List<StoredArticle> stored = publishing.publish(events);
                health.storing();
                return stored;
            } catch (MongoTimeoutException | MongoSocketException | MongoNotPrimaryException
                    | MongoNodeIsRecoveringException e) {
                if (!running) {
                    throw new ShuttingDown();
                }
                health.waiting(events.size(), e);
                LOG.warnf("MongoDB unreachable while storing %d articles; retrying in %d ms: %s", events.size(),
                        backoff.toMillis(), e.getMessage());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(config.maxStoreBackoff()) > 0 ? config.maxStoreBackoff()
                        : backoff.multipliedBy(2);
            }
        }
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
    }
}
