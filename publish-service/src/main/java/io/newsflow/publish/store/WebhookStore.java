package io.newsflow.publish.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

import io.newsflow.publish.config.PublishConfig;
import io.quarkus.runtime.StartupEvent;

/** Registered webhooks and their deliveries: a delivery is a queued POST of one article revision to one webhook. */
@ApplicationScoped
public class WebhookStore {

    private static final String STATUS = "status";
    private static final String PENDING = "pending";
    private static final String NEXT_ATTEMPT_AT = "nextAttemptAt";
    private static final String QUEUED_AT = "queuedAt";

    // A due entry without its delivery is one being queued (the entry is written first, and again at each retry of
    // the poll) or one whose delivery is gone (retention, a deleted webhook): removed once it was last queued this
    // long ago, which no queuing takes.
    private static final Duration ORPHAN_AFTER = Duration.ofMinutes(1);

    private final MongoCollection<Document> webhooks;
    private final MongoCollection<Document> deliveries;
    // The deliveries still pending, as {_id, nextAttemptAt}: what the scheduler reads every tick. Delivered and failed
    // ones stay in `deliveries` for their history; the embedded server, which has no secondary index, would otherwise
    // read all of them each time (22% of a core with 100,000 delivered, measured; docs/adr/0007).
    private final MongoCollection<Document> due;

    WebhookStore(MongoClient client, PublishConfig config) {
        this.webhooks = client.getDatabase(config.database()).getCollection("webhooks");
        this.deliveries = client.getDatabase(config.database()).getCollection("webhook_deliveries");
        this.due = client.getDatabase(config.database()).getCollection("webhook_due");
    }

    void createIndexes(@Observes StartupEvent start) {
        deliveries.createIndex(Indexes.compoundIndex(Indexes.ascending(STATUS), Indexes.ascending(NEXT_ATTEMPT_AT)));
        deliveries.createIndex(Indexes.ascending("webhookId"));
        due.createIndex(Indexes.ascending(NEXT_ATTEMPT_AT));
        scheduleUnscheduled();
    }

    /**
     * Schedules the pending deliveries that have no due entry: those queued before due entries existed. Reads the
     * pending deliveries once (index {@code status, nextAttemptAt} on MongoDB, a scan on the embedded server), at start-up.
     *
     * @return how many were not scheduled yet
     */
    public int scheduleUnscheduled() {
        Date now = new Date();
        Map<String, Date> pending = new LinkedHashMap<>();
        deliveries.find(Filters.eq(STATUS, PENDING)).projection(Projections.include(NEXT_ATTEMPT_AT))
                .forEach(d -> pending.put(d.getString("_id"),
                        d.getDate(NEXT_ATTEMPT_AT) != null ? d.getDate(NEXT_ATTEMPT_AT) : now));
        return schedule(pending, now);
    }

    /**
     * Writes each delivery's due entry unless it has one, at the given time, and marks each as queued now: one
     * unordered bulk write of upserts (index {@code _id}). Returns how many were new.
     */
    private int schedule(Map<String, Date> dueAt, Date now) {
        if (dueAt.isEmpty()) {
            return 0;
        }
        List<WriteModel<Document>> writes = new ArrayList<>(dueAt.size());
        dueAt.forEach((id, at) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", id),
                Updates.combine(Updates.setOnInsert(NEXT_ATTEMPT_AT, at), Updates.max(QUEUED_AT, now)),
                new UpdateOptions().upsert(true))));
        try {
            return due.bulkWrite(writes, new BulkWriteOptions().ordered(false)).getUpserts().size();
        } catch (MongoBulkWriteException e) {
            // Two instances upserting one entry at once: one of them inserts it, the other finds its _id taken.
            if (e.getWriteConcernError() != null || !e.getWriteErrors().stream()
                    .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
            return e.getWriteResult().getUpserts().size();
        }
    }

    /** A registered receiver. {@code filters} use the feed's filter names. */
    public record Webhook(String id, String url, String secret, Map<String, String> filters, Instant createdAt) {
    }

    /** One article revision for one webhook, and what became of it. */
    public record Delivery(String id, String webhookId, String articleId, int revision, String body, String status,
            int attempts, Instant nextAttemptAt, Instant deliveredAt, String lastError, Instant lastAttemptAt) {
    }

    // Every consumed article is matched against the webhooks: read them at most this often, not once per article.
    private static final Duration REFRESH = Duration.ofSeconds(5);
    private volatile List<Webhook> cached;
    private volatile Instant cachedAt = Instant.EPOCH;

    /**
     * The webhooks, as of at most {@link #REFRESH} ago (at once for changes made through this instance), for matching
     * articles on the consumer's path.
     */
    public List<Webhook> current() {
        Instant now = Instant.now();
        List<Webhook> webhooks = cached;
        if (webhooks == null || cachedAt.plus(REFRESH).isBefore(now)) {
            webhooks = all();
            cached = webhooks;
            cachedAt = now;
        }
        return webhooks;
    }

    public void add(Webhook webhook) {
        cached = null;
        webhooks.insertOne(new Document("_id", webhook.id()).append("url", webhook.url())
                .append("secret", webhook.secret()).append("filters", new Document(Map.copyOf(webhook.filters())))
                .append("createdAt", Date.from(webhook.createdAt())));
    }

    public List<Webhook> all() {
        List<Webhook> all = new ArrayList<>();
        webhooks.find().sort(Sorts.ascending("createdAt")).forEach(d -> all.add(webhook(d)));
        return all;
    }

    public Optional<Webhook> find(String id) {
        return Optional.ofNullable(webhooks.find(Filters.eq("_id", id)).first()).map(WebhookStore::webhook);
    }

    public boolean delete(String id) {
        cached = null;
        // The webhook first: an instance whose list still has it may queue for it a few seconds more, and the
        // scheduler discards what is queued for a webhook that no longer exists.
        boolean deleted = webhooks.deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1;
        deliveries.deleteMany(Filters.eq("webhookId", id));
        due.deleteMany(Filters.regex("_id", "^" + Pattern.quote(id + ":")));
        return deleted;
    }

    /** A delivery to queue: an article's revision for one webhook, and the body to send. */
    public record Queued(String webhookId, String articleId, int revision, String body) {
    }

    /** Queues a delivery once: the same webhook, article and revision queued again changes nothing. */
    public void enqueue(String webhookId, String articleId, int revision, String body, Instant now) {
        enqueue(List.of(new Queued(webhookId, articleId, revision, body)), now);
    }

    /**
     * Queues each delivery once, in one unordered bulk insert (one durable write for a whole poll, not one per article
     * and webhook): a delivery queued again, as when a poll is redelivered after a crash, is a duplicate key, which
     * changes nothing, and the others of the call are queued all the same.
     */
    public void enqueue(List<Queued> queued, Instant now) {
        if (queued.isEmpty()) {
            return;
        }
        Map<String, Date> entries = new LinkedHashMap<>();
        List<Document> documents = new ArrayList<>(queued.size());
        for (Queued q : queued) {
            String id = q.webhookId() + ":" + q.articleId() + ":" + q.revision();
            entries.put(id, Date.from(now));
            documents.add(new Document("_id", id)
                    .append("webhookId", q.webhookId()).append("articleId", q.articleId())
                    .append("revision", q.revision()).append("body", q.body()).append(STATUS, PENDING)
                    .append("attempts", 0).append(NEXT_ATTEMPT_AT, Date.from(now)).append("createdAt", Date.from(now)));
        }
        // The due entries first: a crash in between leaves entries without deliveries, which the poll's retry
        // completes (marking them queued again, so that none is taken for an orphan meanwhile) or which are removed
        // later, never a pending delivery that nothing schedules. An entry for a delivery made already (a redelivered
        // poll) is removed at its first tick.
        schedule(entries, Date.from(now));
        insertNew(deliveries, documents);
    }

    /** Inserts the documents whose _id is not taken, in one unordered bulk insert; returns how many were new. */
    private static int insertNew(MongoCollection<Document> collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return 0;
        }
        try {
            return collection.insertMany(documents, new InsertManyOptions().ordered(false)).getInsertedIds().size();
        } catch (MongoBulkWriteException e) {
            boolean onlyTaken = e.getWriteConcernError() == null && e.getWriteErrors().stream()
                    .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyTaken) {
                throw e;
            }
            return documents.size() - e.getWriteErrors().size();
        }
    }

    /**
     * Pending deliveries whose next attempt is due, oldest first: the due entries (index {@code nextAttemptAt} on
     * MongoDB; the embedded server reads the pending ones only), then their deliveries by {@code _id}. Entries whose
     * delivery is done, or gone for a while, are removed.
     */
    public List<Delivery> due(Instant now, int limit) {
        List<Document> entries = new ArrayList<>();
        due.find(Filters.lte(NEXT_ATTEMPT_AT, Date.from(now))).sort(Sorts.ascending(NEXT_ATTEMPT_AT)).limit(limit)
                .into(entries);
        if (entries.isEmpty()) {
            return List.of();
        }
        Map<String, Document> found = new HashMap<>();
        deliveries.find(Filters.in("_id", entries.stream().map(e -> e.getString("_id")).toList()))
                .forEach(d -> found.put(d.getString("_id"), d));
        List<Delivery> dueNow = new ArrayList<>();
        for (Document entry : entries) {
            String id = entry.getString("_id");
            Document delivery = found.get(id);
            if (delivery != null && PENDING.equals(delivery.getString(STATUS))) {
                dueNow.add(delivery(delivery));
            } else if (delivery != null || lastQueued(entry).isBefore(now.minus(ORPHAN_AFTER))) {
                // Only if it is still as read: another instance may have claimed it, or a retry queued it, since.
                Date queuedAt = entry.getDate(QUEUED_AT);
                due.deleteOne(Filters.and(Filters.eq("_id", id),
                        Filters.eq(NEXT_ATTEMPT_AT, entry.getDate(NEXT_ATTEMPT_AT)),
                        queuedAt == null ? Filters.exists(QUEUED_AT, false) : Filters.eq(QUEUED_AT, queuedAt)));
            }
        }
        return dueNow;
    }

    private static Instant lastQueued(Document entry) {
        Date queuedAt = entry.getDate(QUEUED_AT);
        return (queuedAt != null ? queuedAt : entry.getDate(NEXT_ATTEMPT_AT)).toInstant();
    }

    public List<Delivery> deliveries(String webhookId, int limit) {
        List<Delivery> found = new ArrayList<>();
        deliveries.find(Filters.eq("webhookId", webhookId)).sort(Sorts.descending("createdAt")).limit(limit)
                .forEach(d -> found.add(delivery(d)));
        return found;
    }

    /**
     * Claims a due delivery for one attempt by moving its next attempt to {@code until}, past the attempt's own
     * duration: a conditional write on its due entry's {@code _id}, so that of several instances seeing it due exactly
     * one attempts it; if that one dies mid-attempt, the delivery is due again at {@code until}.
     *
     * @return the delivery as claimed, or empty when another instance claimed it first or it is no longer pending
     */
    public Optional<Delivery> claim(String id, Instant dueAt, Instant until) {
        Bson lease = Filters.and(Filters.eq("_id", id), Filters.eq(NEXT_ATTEMPT_AT, Date.from(until)));
        if (due.findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.lte(NEXT_ATTEMPT_AT, Date.from(dueAt))),
                Updates.set(NEXT_ATTEMPT_AT, Date.from(until))) == null) {
            return Optional.empty();
        }
        // The delivery as claimed: its attempts as they are now, whatever another instance did since it was listed.
        // Due by its own time too, which keeps attempts apart from an instance that claims on the delivery itself
        // (a version from before due entries, during a rolling upgrade).
        Document claimed = deliveries.findOneAndUpdate(Filters.and(Filters.eq("_id", id),
                Filters.eq(STATUS, PENDING), Filters.lte(NEXT_ATTEMPT_AT, Date.from(dueAt))),
                Updates.set(NEXT_ATTEMPT_AT, Date.from(until)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        if (claimed != null) {
            return Optional.of(delivery(claimed));
        }
        Document delivery = deliveries.find(Filters.eq("_id", id)).first();
        if (delivery != null && PENDING.equals(delivery.getString(STATUS))
                && delivery.getDate(NEXT_ATTEMPT_AT) != null) {
            // Pending, but due later (claimed elsewhere, or a crash between an outcome's two writes): due then.
            due.updateOne(lease, Updates.set(NEXT_ATTEMPT_AT, delivery.getDate(NEXT_ATTEMPT_AT)));
        } else if (delivery != null) {
            due.deleteOne(lease);
        } else {
            // Gone (discarded, past retention), or not written yet by a queuing in progress: left to the orphan rule.
            due.updateOne(lease, Updates.set(NEXT_ATTEMPT_AT, Date.from(dueAt)));
        }
        return Optional.empty();
    }

    /** Removes a delivery whose webhook no longer exists (queued from a list read just before it was deleted). */
    public void discard(String id) {
        deliveries.deleteOne(Filters.eq("_id", id));
        due.deleteOne(Filters.eq("_id", id));
    }

    // The outcome of an attempt is written only while the delivery is pending: a delivered one never turns back.
    // The delivery first, then its due entry: a crash in between leaves an entry that its next tick removes.
    public void delivered(String id, Instant at) {
        deliveries.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq(STATUS, PENDING)),
                Updates.combine(Updates.set(STATUS, "delivered"),
                        Updates.inc("attempts", 1), Updates.set("deliveredAt", Date.from(at)),
                        Updates.set("lastAttemptAt", Date.from(at))));
        due.deleteOne(Filters.eq("_id", id));
    }

    /**
     * Records a failed attempt: retried at {@code next}, or marked failed for good when {@code next} is null. The due
     * entry is moved only while it still holds this attempt's {@code lease} (the time the claim moved it to): an
     * attempt that ran past it may have been claimed again by another instance, whose claim stands.
     */
    public void attemptFailed(String id, Instant lease, Instant at, String error, Instant next) {
        deliveries.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq(STATUS, PENDING)), Updates.combine(
                Updates.set(STATUS, next == null ? "failed" : PENDING), Updates.inc("attempts", 1),
                Updates.set("lastError", error), Updates.set("lastAttemptAt", Date.from(at)),
                Updates.set(NEXT_ATTEMPT_AT, next == null ? null : Date.from(next))));
        Bson held = Filters.and(Filters.eq("_id", id), Filters.eq(NEXT_ATTEMPT_AT, Date.from(lease)));
        if (next == null) {
            due.deleteOne(held);
        } else {
            due.updateOne(held, Updates.set(NEXT_ATTEMPT_AT, Date.from(next)));
        }
    }

    /** Removes the deliveries queued before {@code cutoff}, whatever became of them. */
    public long deleteCreatedBefore(Instant cutoff) {
        return deliveries.deleteMany(Filters.lt("createdAt", Date.from(cutoff))).getDeletedCount();
    }

    /** How many of a webhook's deliveries are in each state. */
    public record DeliveryCounts(long pending, long delivered, long failed) {
    }

    /** Deliveries per status, for the webhook's own view (index {@code webhookId}). */
    public DeliveryCounts counts(String webhookId) {
        return new DeliveryCounts(count(webhookId, PENDING), count(webhookId, "delivered"),
                count(webhookId, "failed"));
    }

    private long count(String webhookId, String status) {
        return deliveries.countDocuments(Filters.and(Filters.eq("webhookId", webhookId), Filters.eq("status", status)));
    }

    private static Webhook webhook(Document d) {
        Document filters = d.get("filters", Document.class);
        Map<String, String> map = new LinkedHashMap<>();
        if (filters != null) {
            filters.forEach((k, v) -> map.put(k, String.valueOf(v)));
        }
        return new Webhook(d.getString("_id"), d.getString("url"), d.getString("secret"), map,
                d.getDate("createdAt").toInstant());
    }

    private static Delivery delivery(Document d) {
        return new Delivery(d.getString("_id"), d.getString("webhookId"), d.getString("articleId"),
                d.getInteger("revision", 0), d.getString("body"), d.getString("status"), d.getInteger("attempts", 0),
                instant(d, "nextAttemptAt"), instant(d, "deliveredAt"), d.getString("lastError"),
                instant(d, "lastAttemptAt"));
    }

    private static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
