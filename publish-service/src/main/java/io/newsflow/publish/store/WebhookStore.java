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

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import io.newsflow.publish.config.PublishConfig;
import io.quarkus.runtime.StartupEvent;

/** Registered webhooks and their deliveries: a delivery is a queued POST of one article revision to one webhook. */
@ApplicationScoped
public class WebhookStore {

    private static final String STATUS = "status";
    private static final String PENDING = "pending";
    private static final String NEXT_ATTEMPT_AT = "nextAttemptAt";

    // A due entry without its delivery is one being queued (the entry is written first) or one whose delivery is
    // gone (retention, a deleted webhook): removed once it is this old, which no queuing takes.
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
        List<Document> pending = new ArrayList<>();
        deliveries.find(Filters.eq(STATUS, PENDING)).projection(Projections.include(NEXT_ATTEMPT_AT))
                .forEach(d -> pending.add(new Document("_id", d.getString("_id")).append(NEXT_ATTEMPT_AT,
                        d.getDate(NEXT_ATTEMPT_AT) != null ? d.getDate(NEXT_ATTEMPT_AT) : new Date())));
        return insertNew(due, pending);
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
        deliveries.deleteMany(Filters.eq("webhookId", id));
        due.deleteMany(Filters.regex("_id", "^" + Pattern.quote(id + ":")));
        return webhooks.deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1;
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
        List<Document> entries = new ArrayList<>(queued.size());
        List<Document> documents = new ArrayList<>(queued.size());
        for (Queued q : queued) {
            String id = q.webhookId() + ":" + q.articleId() + ":" + q.revision();
            entries.add(new Document("_id", id).append(NEXT_ATTEMPT_AT, Date.from(now)));
            documents.add(new Document("_id", id)
                    .append("webhookId", q.webhookId()).append("articleId", q.articleId())
                    .append("revision", q.revision()).append("body", q.body()).append(STATUS, PENDING)
                    .append("attempts", 0).append(NEXT_ATTEMPT_AT, Date.from(now)).append("createdAt", Date.from(now)));
        }
        // The due entries first: a crash in between leaves entries without deliveries, which the poll's redelivery
        // completes (or which are removed later), never a pending delivery that nothing schedules. An entry for a
        // delivery made already (a redelivered poll) is removed at its first tick.
        insertNew(due, entries);
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
            } else if (delivery != null
                    || entry.getDate(NEXT_ATTEMPT_AT).toInstant().isBefore(now.minus(ORPHAN_AFTER))) {
                // Only if it is still as read: another instance may have claimed it since.
                due.deleteOne(Filters.and(Filters.eq("_id", id),
                        Filters.eq(NEXT_ATTEMPT_AT, entry.getDate(NEXT_ATTEMPT_AT))));
            }
        }
        return dueNow;
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
        if (due.findOneAndUpdate(Filters.and(Filters.eq("_id", id), Filters.lte(NEXT_ATTEMPT_AT, Date.from(dueAt))),
                Updates.set(NEXT_ATTEMPT_AT, Date.from(until))) == null) {
            return Optional.empty();
        }
        // The delivery as claimed: its attempts as they are now, whatever another instance did since it was listed.
        Optional<Delivery> claimed = Optional.ofNullable(deliveries.findOneAndUpdate(
                Filters.and(Filters.eq("_id", id), Filters.eq(STATUS, PENDING)),
                Updates.set(NEXT_ATTEMPT_AT, Date.from(until)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))).map(WebhookStore::delivery);
        if (claimed.isEmpty()) {
            due.deleteOne(Filters.eq("_id", id));
        }
        return claimed;
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

    /** Records a failed attempt: retried at {@code next}, or marked failed for good when {@code next} is null. */
    public void attemptFailed(String id, Instant at, String error, Instant next) {
        deliveries.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq(STATUS, PENDING)), Updates.combine(
                Updates.set(STATUS, next == null ? "failed" : PENDING), Updates.inc("attempts", 1),
                Updates.set("lastError", error), Updates.set("lastAttemptAt", Date.from(at)),
                Updates.set(NEXT_ATTEMPT_AT, next == null ? null : Date.from(next))));
        if (next == null) {
            due.deleteOne(Filters.eq("_id", id));
        } else {
            due.updateOne(Filters.eq("_id", id), Updates.set(NEXT_ATTEMPT_AT, Date.from(next)));
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
