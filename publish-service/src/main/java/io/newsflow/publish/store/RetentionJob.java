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
    private final PublishConfig config;

    RetentionJob(ArticleStore store, PublishConfig config) {
        this.store = store;
        this.config = config;
    }

    @Scheduled(every = "${newsflow.publish.retention-check:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void removeExpired() {
        long removed = store.deleteStoredBefore(Instant.now().minus(config.retention()));
        if (removed > 0) {
            LOG.infof("Removed %d articles stored more than %s ago", removed, config.retention());
        }
    }
}
