package io.newsflow.ingest.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

import io.newsflow.ingest.config.IngestConfig;

/**
 * What ingest-service remembers of each article it emitted: the revision and a hash of its content, so that a
 * re-push of the same content emits nothing and a changed one gets the next revision.
 *
 * <p>Every query here is by {@code _id} (the primary index, on MongoDB and on the embedded server alike), and every
 * write of a batch goes in one unordered bulk write. Instances agree without locks: a reservation is a conditional
 * write on the document's version {@code v}, which every write increments, so of two instances reserving a revision
 * of one article from the same state, one wins and the other reads again (docs/adr/0007). The same write records
 * the article's owner, the publisher that first wrote it (docs/adr/0009).
 */
@ApplicationScoped
public class ArticleRegistry {

    static final String COLLECTION = "ingest_articles";
    private static final Bson FIELDS = Projections.include("revision", "contentHash", "pendingRevision", "pendingHash",
            "duplicateOf", "owner", "v");
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final MongoCollection<Document> articles;

    ArticleRegistry(MongoClient client, IngestConfig config) {
        this.articles = client.getDatabase(config.database()).getCollection(COLLECTION);
    }

    /** The registrations of these articles, by id; one query on the {@code _id} index, only the fields needed. */
    public Map<String, Registration> findAll(Collection<String> articleIds) {
        Map<String, Registration> found = new HashMap<>();
        if (articleIds.isEmpty()) {
            return found;
        }
        for (Document d : articles.find(Filters.in("_id", new HashSet<>(articleIds))).projection(FIELDS)) {
            Number version = d.get("v", Number.class);
            found.put(d.getString("_id"), new Registration(d.getString("_id"), d.getInteger("revision", 0),
                    d.getString("contentHash"), d.getInteger("pendingRevision", 0), d.getString("pendingHash"),
                    d.getString("duplicateOf"), d.getString("owner"),
                    version == null ? Registration.UNVERSIONED : version.longValue()));
        }
        return found;
    }

    /**
     * Notes, before the events are sent, that these revisions are about to be emitted: should a confirmation after
     * Kafka's acknowledgement never be written, the next push still sees that the revision may be out there and does
     * not reuse its number for other content. Each reservation holds only if the article is still as it was read.
     *
     * @return the positions in {@code reservations} that lost to a concurrent write: read them again and retry
     */
    public Set<Integer> reserveAll(List<Reservation> reservations) {
        List<WriteModel<Document>> writes = new ArrayList<>(reservations.size());
        for (Reservation r : reservations) {
            // An upsert: when the guard misses because the document changed, the insert it falls back to collides
            // with the existing _id, and that duplicate-key error names the reservation that lost.
            writes.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", r.articleId()), versionIs(r.seenVersion())),
                    withClaim(r.claim(), Updates.set("pendingRevision", r.revision()),
                            Updates.set("pendingHash", r.contentHash()), Updates.setOnInsert("revision", 0),
                            Updates.inc("v", 1L)),
                    UPSERT));
        }
        return conflicts(writes);
    }

    /** Records that these revisions were acknowledged by Kafka; a newer revision already recorded is kept. */
    public void confirmAll(List<Reservation> confirmed) {
        Date now = Date.from(Instant.now());
        List<WriteModel<Document>> writes = new ArrayList<>(confirmed.size());
        for (Reservation r : confirmed) {
            writes.add(new UpdateOneModel<>(
                    Filters.and(Filters.eq("_id", r.articleId()), Filters.lt("revision", r.revision())),
                    Updates.combine(Updates.set("revision", r.revision()), Updates.set("contentHash", r.contentHash()),
                            Updates.set("updatedAt", now), Updates.inc("v", 1L))));
        }
        if (!writes.isEmpty()) {
            articles.bulkWrite(writes, UNORDERED);
        }
    }

    /**
     * Records that these articles are the same story as another: they are never emitted. Each only if the article
     * is still as it was read, like a reservation: another instance may have emitted it meanwhile.
     *
     * @return the positions in {@code duplicates} that lost to a concurrent write: read them again and decide anew
     */
    public Set<Integer> recordDuplicates(List<Duplicate> duplicates) {
        Date now = Date.from(Instant.now());
        List<WriteModel<Document>> writes = new ArrayList<>(duplicates.size());
        for (Duplicate d : duplicates) {
            writes.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", d.articleId()), versionIs(d.seenVersion())),
                    withClaim(d.claim(), Updates.set("contentHash", d.contentHash()),
                            Updates.set("duplicateOf", d.original()), Updates.set("revision", 0),
                            Updates.set("updatedAt", now), Updates.inc("v", 1L)),
                    UPSERT));
        }
        return conflicts(writes);
    }

    /** The updates, and the owner's name recorded with them when the article has none yet. */
    private static Bson withClaim(String claim, Bson... updates) {
        List<Bson> all = new ArrayList<>(List.of(updates));
        if (claim != null) {
            all.add(Updates.set("owner", claim));
        }
        return Updates.combine(all);
    }

    private static Bson versionIs(long version) {
        // Documents written before versions existed have none; the first conditional write gives them one.
        return version == Registration.UNVERSIONED ? Filters.exists("v", false) : Filters.eq("v", version);
    }

    private Set<Integer> conflicts(List<WriteModel<Document>> writes) {
        Set<Integer> conflicts = new HashSet<>();
        if (writes.isEmpty()) {
            return conflicts;
        }
        try {
            articles.bulkWrite(writes, UNORDERED);
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                conflicts.add(error.getIndex());
            }
        }
        return conflicts;
    }

    /**
     * A revision about to be emitted, reserved only if the article's version is still {@code seenVersion}.
     *
     * @param claim the publisher recorded as the article's owner, when it has none yet (else null)
     */
    public record Reservation(String articleId, long seenVersion, int revision, String contentHash, String claim) {
    }

    /**
     * An article found to be a copy of {@code original}, recorded only if its version is still {@code seenVersion}.
     *
     * @param claim as for {@link Reservation}: whoever pushed the copy owns its id
     */
    public record Duplicate(String articleId, long seenVersion, String contentHash, String original, String claim) {
    }

    /**
     * The revision and content hash last confirmed for an article, and the one being emitted, if any.
     *
     * @param owner the publisher that first wrote the article (docs/adr/0009); null for one written before owners
     *              were recorded, which its next writer claims
     */
    public record Registration(String articleId, int revision, String contentHash, int pendingRevision,
            String pendingHash, String duplicateOf, String owner, long version) {

        /** The version of an article that is not registered at all; a conditional upsert on it creates it. */
        public static final long ABSENT = 0;
        /** The version of a registration written before versions existed. */
        public static final long UNVERSIONED = -1;

        /** The revision the given content gets: the pending one if it is that content, else the next free number. */
        public int revisionFor(String hash) {
            if (hash.equals(pendingHash) && pendingRevision > revision) {
                return pendingRevision;
            }
            return Math.max(revision, pendingRevision) + 1;
        }
    }
}
