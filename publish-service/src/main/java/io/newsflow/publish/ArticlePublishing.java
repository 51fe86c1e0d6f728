package io.newsflow.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.newsflow.contract.ArticleEnriched;
import io.newsflow.publish.store.ArticleStore;
import io.newsflow.publish.store.ArticleStore.Known;
import io.newsflow.publish.store.ArticleStore.Prepared;
import io.newsflow.publish.store.ArticleStore.Source;
import io.newsflow.publish.store.StoredArticle;
import io.newsflow.publish.webhooks.Webhooks;

/**
 * The service's use case: enriched articles are published. Of each article the newest revision is stored unless
 * the same or a newer one is stored already (one read and one bulk write per call, docs/adr/0007), its webhook
 * deliveries are queued first. The Kafka consumer calls it, and holds its poll while MongoDB is unreachable; the live
 * stream is fed by every instance's own consumer ({@link io.newsflow.publish.live.LiveAnnouncements}), whichever
 * instance stored the article.
 */
@ApplicationScoped
public class ArticlePublishing {

    private final ArticleStore store;
    private final Webhooks webhooks;

    ArticlePublishing(ArticleStore store, Webhooks webhooks) {
        this.store = store;
        this.webhooks = webhooks;
    }

    /** An enriched event as read, and the record it was read from. */
    public record Received(ArticleEnriched event, Source source) {
    }

    /**
     * @param received enriched events, in any order; several revisions of one article may be among them
     * @return the articles this call stored, each newer than what was stored before
     * @throws com.mongodb.MongoException when MongoDB fails: nothing was announced, and calling again is safe
     */
    public List<StoredArticle> publish(List<Received> received) {
        // The newest revision of each article, from its first record: an older one in the same call would be
        // overwritten anyway, and the first record is the one the live stream names as the article's source.
        Map<String, Received> newest = new LinkedHashMap<>();
        for (Received r : received) {
            newest.merge(r.event().articleId(), r, (a, b) -> b.event().revision() > a.event().revision() ? b : a);
        }
        Map<String, Known> known = store.knownOf(newest.keySet());
        List<Prepared> newer = new ArrayList<>();
        for (Received r : newest.values()) {
            ArticleEnriched event = r.event();
            Optional<Known> stored = Optional.ofNullable(known.get(event.articleId()));
            if (stored.map(Known::revision).orElse(0) < event.revision()) {
                newer.add(Prepared.of(event, r.source(), stored));
            }
        }
        // Deliveries are queued before the articles are stored: a crash in between queues them again at redelivery
        // (idempotently), whereas the other order would lose them once the articles count as stored.
        webhooks.enqueue(newer.stream().map(Prepared::article).toList());
        return store.upsertAll(newer);
    }
}
