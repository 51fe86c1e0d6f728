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
public class RetentionJob {

    private static final Logger LOG = Logger.getLogger(RetentionJob.class);

    private final ArticleStore store;
    private final WebhookStore webhooks;
    private final PublishConfig config;

    RetentionJob(ArticleStore store, WebhookStore webhooks, PublishConfig config) {
        this.store = store;
        this.webhooks = webhooks;
        this.config = config;
    }

    @Scheduled(every = "${newsflow.publish.retention-check:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void removeExpired() {
        removeExpiredAt(Instant.now());
    }

    /**
     * Removes what was stored more than {@code newsflow.publish.retention} before {@code now}: articles (index
     * {@code storedAt}) and the webhook deliveries that keep a copy of them. Safe to run on every instance at once:
     * each delete is a condition on the documents, not a claim.
     *
     * @return how many articles were removed
     */
    public long removeExpiredAt(Instant now) {
        Instant cutoff = now.minus(config.retention());
        webhooks.deleteCreatedBefore(cutoff);
        long removed = store.deleteStoredBefore(cutoff);
        if (removed > 0) {
            LOG.infof("Removed %d articles stored more than %s ago", removed, config.retention());
        }
        return removed;
    }
}
