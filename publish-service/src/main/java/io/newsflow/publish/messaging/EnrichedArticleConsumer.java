package io.newsflow.publish.messaging;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.contract.ArticleEnriched;
import io.newsflow.contract.EventJson;
import io.newsflow.contract.MalformedEventException;
import io.newsflow.contract.Topics;
import io.newsflow.publish.config.PublishConfig;
import io.newsflow.publish.live.LiveArticles;
import io.newsflow.publish.store.ArticleStore;
import io.newsflow.publish.store.StoredArticle;
import io.newsflow.publish.webhooks.Webhooks;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;

/**
 * Stores each enriched article. The offset is committed only after this method returns, so an article is either
 * stored or read again. An unreadable record goes to the dead-letter topic; an unreachable MongoDB makes this method
 * wait and retry, which stops consumption until MongoDB is back instead of losing articles to the dead-letter topic.
 */
@ApplicationScoped
class EnrichedArticleConsumer {

    private static final Logger LOG = Logger.getLogger(EnrichedArticleConsumer.class);

    private final ArticleStore store;
    private final LiveArticles live;
    private final Webhooks webhooks;
    private final PublishConfig config;
    private final MeterRegistry metrics;
    private volatile boolean running = true;

    EnrichedArticleConsumer(ArticleStore store, LiveArticles live, Webhooks webhooks, PublishConfig config,
            MeterRegistry metrics) {
        this.store = store;
        this.live = live;
        this.webhooks = webhooks;
        this.config = config;
        this.metrics = metrics;
    }

    @Incoming(Topics.ARTICLES_ENRICHED)
    @Blocking
    CompletionStage<Void> consume(Message<String> message) {
        ArticleEnriched event;
        try {
            event = EventJson.readEnriched(message.getPayload());
        } catch (MalformedEventException e) {
            return message.nack(e);
        }
        Optional<StoredArticle> stored;
        try {
            stored = storeWhenReachable(event);
        } catch (ShuttingDown | InterruptedException e) {
            // Shutting down while MongoDB is away: the record is left unacknowledged, so its offset is not committed
            // and it is read again after the restart; it is not a dead letter.
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return CompletableFuture.completedFuture(null);
        }
        stored.ifPresent(live::publish);
        metrics.counter("newsflow.publish.articles", "outcome", stored.isPresent() ? "stored" : "duplicate").increment();
        return message.ack();
    }

    /** The service stopped before MongoDB came back. */
    private static final class ShuttingDown extends Exception {
        ShuttingDown() {
            super(null, null, false, false);
        }
    }

    /** @return the stored article if this event changed it */
    private Optional<StoredArticle> storeWhenReachable(ArticleEnriched event) throws InterruptedException, ShuttingDown {
        Duration backoff = Duration.ofMillis(100);
        while (true) {
            try {
                // Deliveries are queued before the article is stored: a crash in between queues them again at
                // redelivery (idempotently), whereas the other order would lose them once the article counts as stored.
                if (store.revisionOf(event.articleId()) < event.revision()) {
                    webhooks.enqueue(ArticleStore.preview(event));
                }
                return store.upsert(event);
            } catch (MongoTimeoutException | MongoSocketException | MongoNotPrimaryException
                    | MongoNodeIsRecoveringException e) {
                if (!running) {
                    throw new ShuttingDown();
                }
                LOG.warnf("MongoDB unreachable while storing article %s; retrying in %d ms: %s", event.articleId(),
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
