package io.newsflow.ingest.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.newsflow.ingest.config.IngestConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * What ingest-service remembers of each article it emitted: the revision and a hash of its content, so that a
 * re-push of the same content emits nothing and a changed one gets the next revision.
 */
@ApplicationScoped
public class ArticleRegistry {

    static final String COLLECTION = "ingest_articles";

    private final MongoCollection<Document> articles;

    ArticleRegistry(MongoClient client, IngestConfig config) {
        this.articles = client.getDatabase(config.database()).getCollection(COLLECTION);
    }

    // Near-duplicate lookups ask by band; on real MongoDB this index makes that a lookup instead of a scan.
    void createIndexes(@Observes StartupEvent start) {
        articles.createIndex(Indexes.ascending("simHashBands"));
    }

    public Optional<Registration> find(String articleId) {
        Document doc = articles.find(Filters.eq("_id", articleId)).first();
        return Optional.ofNullable(doc).map(d -> new Registration(articleId,
                d.getInteger("revision", 0), d.getString("contentHash"),
                d.getInteger("pendingRevision", 0), d.getString("pendingHash"), d.getString("duplicateOf")));
    }

    /**
     * Notes that {@code revision} is about to be emitted, before the event is sent. Should the confirmation after
     * Kafka's acknowledgement never be written, the next push still sees that this revision may be out there and
     * does not reuse its number for other content.
     */
    public void reserve(String articleId, int revision, String contentHash) {
        articles.updateOne(Filters.eq("_id", articleId),
                Updates.combine(Updates.set("pendingRevision", revision), Updates.set("pendingHash", contentHash),
                        Updates.setOnInsert("revision", 0)),
                new UpdateOptions().upsert(true));
    }

    /** Records that {@code revision} was acknowledged by Kafka, with the text's SimHash for near-duplicate search. */
    public void confirm(String articleId, int revision, String contentHash, long simHash) {
        try {
            articles.updateOne(
                    Filters.and(Filters.eq("_id", articleId), Filters.lt("revision", revision)),
                    Updates.combine(
                            Updates.set("revision", revision),
                            Updates.set("contentHash", contentHash),
                            Updates.set("simHash", simHash),
                            Updates.set("simHashBands", bands(simHash)),
                            Updates.set("updatedAt", Date.from(Instant.now()))),
                    new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            // The upsert collides with the existing _id when a newer revision is already recorded: nothing to do.
            if (ErrorCategory.fromErrorCode(e.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /**
     * An article whose text is within {@code maxDistance} bits of {@code simHash}. Two fingerprints at most 7 bits
     * apart share at least one of eight 8-bit bands exactly (pigeonhole), so only articles sharing a band are compared.
     */
    public Optional<String> nearDuplicate(long simHash, int maxDistance) {
        for (Document candidate : articles.find(Filters.in("simHashBands", bands(simHash)))) {
            Long other = candidate.getLong("simHash");
            if (other != null && Long.bitCount(other ^ simHash) <= maxDistance && candidate.get("duplicateOf") == null) {
                return Optional.of(candidate.getString("_id"));
            }
        }
        return Optional.empty();
    }

    /** Records that this article is the same story as {@code original}: it is never emitted. */
    public void recordDuplicate(String articleId, String contentHash, String original) {
        articles.updateOne(Filters.eq("_id", articleId), Updates.combine(Updates.set("contentHash", contentHash),
                Updates.set("duplicateOf", original), Updates.set("revision", 0),
                Updates.set("updatedAt", Date.from(Instant.now()))), new UpdateOptions().upsert(true));
    }

    private static List<String> bands(long simHash) {
        List<String> bands = new ArrayList<>(8);
        for (int band = 0; band < 8; band++) {
            bands.add(band + ":" + Long.toHexString(simHash >>> (band * 8) & 0xff));
        }
        return bands;
    }

    /** The revision and content hash last confirmed for an article, and the one being emitted, if any. */
    public record Registration(String articleId, int revision, String contentHash, int pendingRevision,
            String pendingHash, String duplicateOf) {

        /** The revision the given content gets: the pending one if it is that content, else the next free number. */
        public int revisionFor(String hash) {
            if (hash.equals(pendingHash) && pendingRevision > revision) {
                return pendingRevision;
            }
            return Math.max(revision, pendingRevision) + 1;
        }
    }
}
