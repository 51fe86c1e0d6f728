package io.newsflow.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.contract.Article;
import io.newsflow.contract.ArticleIngested;
import io.newsflow.ingest.config.IngestConfig;
import io.newsflow.ingest.messaging.IngestedEvents;
import io.newsflow.ingest.store.ArticleRegistry;
import io.newsflow.ingest.store.ArticleRegistry.Registration;

/**
 * Accepts one article: gives it its stable id, decides whether it is new, changed or already known, and emits
 * {@code articles-ingested} for the first two. The revision is reserved before the event is sent and confirmed only
 * after Kafka acknowledged it, so a failure at any step leaves either nothing (the publisher is told to retry) or a
 * duplicate of the same revision that consumers drop; never a lost article, never one revision number for two texts.
 */
@ApplicationScoped
public class Ingestion {

    private final ArticleRegistry registry;
    private final IngestedEvents events;
    private final IngestConfig config;
    private final MeterRegistry metrics;
    private final Clock clock = Clock.systemUTC();
    // Serialises pushes of the same article inside this instance, so two corrections cannot claim one revision.
    private final Object[] stripes = new Object[64];

    Ingestion(ArticleRegistry registry, IngestedEvents events, IngestConfig config, MeterRegistry metrics) {
        this.registry = registry;
        this.events = events;
        this.config = config;
        this.metrics = metrics;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    public Result ingest(Article article) {
        String id = ArticleIdentity.id(article);
        String hash = ArticleIdentity.contentHash(article);
        synchronized (stripes[Math.floorMod(id.hashCode(), stripes.length)]) {
            Optional<Registration> known = registry.find(id);
            if (known.isPresent() && known.get().duplicateOf() != null) {
                count(Status.DUPLICATE);
                return new Result(id, 0, Status.DUPLICATE, known.get().duplicateOf());
            }
            if (known.isPresent() && hash.equals(known.get().contentHash())) {
                count(Status.UNCHANGED);
                return new Result(id, known.get().revision(), Status.UNCHANGED, null);
            }
            long simHash = SimHash.of(article.text());
            // Revision 0 is a reservation that Kafka never acknowledged (a 503): the article is still new.
            boolean isNew = known.isEmpty() || known.get().revision() == 0;
            Optional<String> original = isNew ? nearDuplicate(article, simHash) : Optional.empty();
            if (original.isPresent()) {
                registry.recordDuplicate(id, hash, original.get());
                count(Status.DUPLICATE);
                return new Result(id, 0, Status.DUPLICATE, original.get());
            }
            int revision = known.map(r -> r.revisionFor(hash)).orElse(1);
            registry.reserve(id, revision, hash);
            events.publish(ArticleIngested.of(id, revision, article, Instant.now(clock)), config.publishTimeout());
            registry.confirm(id, revision, hash, simHash);
            Status status = revision == 1 ? Status.CREATED : Status.REVISED;
            count(status);
            return new Result(id, revision, status, null);
        }
    }

    /** Only a new article can be a copy: a known one keeps its id and gets revisions. */
    private Optional<String> nearDuplicate(Article article, long simHash) {
        IngestConfig.NearDuplicates settings = config.nearDuplicates();
        if (!settings.enabled() || SimHash.wordCount(article.text()) < settings.minWords()) {
            return Optional.empty();
        }
        return registry.nearDuplicate(simHash, settings.maxDistance());
    }

    /** The canonical form of a URL as used for ids, so callers store what the id was computed from. */
    public static String canonicalUrl(String url) {
        return ArticleIdentity.canonicalUrl(url);
    }

    private void count(Status status) {
        metrics.counter("newsflow.ingest.articles", "status", status.name().toLowerCase()).increment();
    }

    public enum Status {
        /** First time this article was seen: revision 1 emitted. */
        CREATED,
        /** Known article with changed content: the next revision emitted. */
        REVISED,
        /** Same content as the last revision: nothing emitted. */
        UNCHANGED,
        /** The same story as an article ingested before under another id: recorded, nothing emitted. */
        DUPLICATE
    }

    /** @param duplicateOf the id of the first article of the story, for a {@link Status#DUPLICATE} */
    public record Result(String id, int revision, Status status, String duplicateOf) {
    }
}
