package io.newsflow.publish.store;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.newsflow.publish.config.PublishConfig;
import io.quarkus.scheduler.Scheduled;

/**
 * Removes articles older than {@code newsflow.publish.retention}. A job rather than a TTL index, which the embedded
 * MongoDB-wire server accepts but never applies.
 */
@ApplicationScoped
class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final ArticleStore store;
    private final io.newsflow.publish.webhooks.WebhookStore webhooks;
    private final PublishConfig config;

    RetentionJob(ArticleStore store, io.newsflow.publish.webhooks.WebhookStore webhooks, PublishConfig config) {
        this.store = store;
        this.webhooks = webhooks;
        this.config = config;
    }

    @Scheduled(every = "${newsflow.publish.retention-check:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void removeExpired() {
        Instant cutoff = Instant.now().minus(config.retention());
        // Webhook deliveries keep a copy of the article: they go with it.
        webhooks.deleteCreatedBefore(cutoff);
        long removed = store.deleteStoredBefore(cutoff);
        if (removed > 0) {
            LOG.infof("Removed %d articles stored more than %s ago", removed, config.retention());
        }
    }
}
