package io.newsflow.publish.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

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
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

import io.newsflow.publish.config.PublishConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Registered webhooks and their deliveries: a delivery is a queued POST of one article revision to one webhook.
 *
 * <p>
 * Deliveries still to attempt are in {@code webhook_deliveries}; a delivery moves to
 * {@code webhook_delivery_history}, without its body, once delivered or failed for good. The scheduler's query of due
 * deliveries then reads the queue alone, whose size is the backlog, never the history: on the embedded server, which
 * has no secondary indexes, it read every delivery ever kept, every second, on every instance (ADR 0007).
 */
@ApplicationScoped
public class WebhookStore {

    private final MongoCollection<Document> webhooks;
    private final MongoCollection<Document> deliveries;
    private final MongoCollection<Document> history;

    WebhookStore(MongoClient client, PublishConfig config) {
        this.webhooks = client.getDatabase(config.database()).getCollection("webhooks");
        this.deliveries = client.getDatabase(config.database()).getCollection("webhook_deliveries");
        this.history = client.getDatabase(config.database()).getCollection("webhook_delivery_history");
    }

    void createIndexes(@Observes StartupEvent start) {
        deliveries.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.ascending("nextAttemptAt")));
        deliveries.createIndex(Indexes.ascending("webhookId"));
        history.createIndex(Indexes.ascending("webhookId"));
    }

    /** A registered receiver. {@code filters} use the feed's filter names. */
    public record Webhook(String id, String url, String secret, Map<String, String> filters, Instant createdAt) {
    }

    /** One article revision for one webhook, and what became of it. {@code body} is null once it left the queue. */
    public record Delivery(String id, String webhookId, String articleId, int revision, String body, String status,
            int attempts, Instant nextAttemptAt, Instant deliveredAt, String lastError, Instant lastAttemptAt,
            Instant createdAt) {
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
        history.deleteMany(Filters.eq("webhookId", id));
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
     * changes nothing, and the others of the call are queued all the same; one finished since, and so moved to the
     * history, is found there by one read and not queued again.
     */
    public void enqueue(List<Queued> queued, Instant now) {
        if (queued.isEmpty()) {
            return;
        }
        List<Document> documents = new ArrayList<>(queued.size());
        for (Queued q : queued) {
            documents.add(new Document("_id", q.webhookId() + ":" + q.articleId() + ":" + q.revision())
                    .append("webhookId", q.webhookId()).append("articleId", q.articleId())
                    .append("revision", q.revision()).append("body", q.body()).append("status", "pending")
                    .append("attempts", 0).append("nextAttemptAt", Date.from(now)).append("createdAt", Date.from(now)));
        }
        // Queued before and finished since: in the history, not the queue (point lookups on _id).
        List<Object> ids = documents.stream().map(d -> d.get("_id")).toList();
        Set<Object> finished = new HashSet<>();
        history.find(Filters.in("_id", ids)).projection(Projections.include("_id"))
                .forEach(d -> finished.add(d.get("_id")));
        insertIgnoringDuplicates(deliveries, documents.stream().filter(d -> !finished.contains(d.get("_id"))).toList());
    }

    // One unordered insert; documents there already (a duplicate key) are left as they are, the others inserted.
    private static void insertIgnoringDuplicates(MongoCollection<Document> collection, List<Document> documents) {
        if (documents.isEmpty()) {
            return;
        }
        try {
            collection.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyThereAlready = e.getWriteConcernError() == null && e.getWriteErrors().stream()
                    .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyThereAlready) {
                throw e;
            }
        }
    }

    /**
     * A webhook's latest deliveries, newest first: the queue's and the history's (index {@code webhookId} on both). A
     * delivery found in both, as after a crash between its move's two writes, is shown as the history has it.
     */
    public List<Delivery> deliveries(String webhookId, int limit) {
        Map<String, Delivery> found = new LinkedHashMap<>();
        for (MongoCollection<Document> collection : List.of(history, deliveries)) {
            collection.find(Filters.eq("webhookId", webhookId)).projection(Projections.exclude("body"))
                    .sort(Sorts.descending("createdAt")).limit(limit)
                    .forEach(d -> found.putIfAbsent(d.getString("_id"), delivery(d)));
        }
        return found.values().stream().sorted(Comparator.comparing(Delivery::createdAt).reversed()).limit(limit)
                .toList();
    }

    /**
     * Claims a round of due deliveries for this instance, with one write whatever the round's size (one durable commit,
     * where a claim per delivery cost a commit and a sync each). Up to four rounds' worth of the earliest due are listed
     * (index {@code status, nextAttemptAt}), and a random {@code limit} of them are moved past {@code until} and marked
     * with a new claim in one {@code updateMany} conditional on each still being due, then read back by {@code _id}
     * with that mark; choosing at random keeps instances listing the same deliveries from all racing for the same
     * ones. A document is updated atomically, so of several instances listing a delivery exactly one claims it; if
     * that one dies mid-round, the delivery is due again at {@code until}. A claimed delivery already in the history
     * (finished while a redelivered poll queued it again) is removed, not attempted.
     *
     * @return how many were listed due (at most {@code 4 × limit}), the claim, and what it took, as claimed (its
     *         attempts as they are now, whatever another instance did before)
     */
    public Claimed claimDue(Instant now, Instant until, int limit) {
        List<Object> due = new ArrayList<>();
        deliveries.find(Filters.and(Filters.eq("status", "pending"), Filters.lte("nextAttemptAt", Date.from(now))))
                .projection(Projections.include("_id")).sort(Sorts.ascending("nextAttemptAt")).limit(4 * limit)
                .forEach(d -> due.add(d.get("_id")));
        String claim = UUID.randomUUID().toString();
        if (due.isEmpty()) {
            return new Claimed(0, claim, List.of());
        }
        List<Object> ids = new ArrayList<>(due);
        Collections.shuffle(ids);
        ids = ids.subList(0, Math.min(limit, ids.size()));
        deliveries.updateMany(Filters.and(Filters.in("_id", ids), Filters.eq("status", "pending"),
                Filters.lte("nextAttemptAt", Date.from(now))),
                Updates.combine(Updates.set("nextAttemptAt", Date.from(until)), Updates.set("claim", claim)));
        Map<Object, Delivery> claimed = new LinkedHashMap<>();
        deliveries.find(Filters.and(Filters.in("_id", ids), Filters.eq("claim", claim)))
                .forEach(d -> claimed.put(d.get("_id"), delivery(d)));
        if (!claimed.isEmpty()) {
            List<Object> finished = new ArrayList<>();
            history.find(Filters.in("_id", List.copyOf(claimed.keySet()))).projection(Projections.include("_id"))
                    .forEach(d -> finished.add(d.get("_id")));
            if (!finished.isEmpty()) {
                deliveries.deleteMany(Filters.and(Filters.in("_id", finished), Filters.eq("claim", claim)));
                claimed.keySet().removeAll(finished);
            }
        }
        return new Claimed(due.size(), claim, List.copyOf(claimed.values()));
    }

    /**
     * The outcome of a {@link #claimDue}: how many deliveries were listed due, the claim that marks this round's, and
     * those it took.
     */
    public record Claimed(int due, String claim, List<Delivery> deliveries) {
    }

    /** Removes claimed deliveries whose webhook no longer exists (queued from a list read just before its deletion). */
    public void discard(String claim, List<String> ids) {
        if (!ids.isEmpty()) {
            deliveries.deleteMany(Filters.and(Filters.in("_id", ids), Filters.eq("claim", claim)));
        }
    }

    /**
     * What one attempt at a claimed delivery came to: delivered when {@code error} is null; otherwise retried at
     * {@code retryAt}, or failed for good when that is null too.
     */
    public record Attempt(Delivery delivery, Instant at, String error, Instant retryAt) {

        public static Attempt delivered(Delivery delivery, Instant at) {
            return new Attempt(delivery, at, null, null);
        }

        boolean finished() {
            return error == null || retryAt == null;
        }
    }

    /**
     * Records the outcomes of a round with three writes whatever their number. Every write holds only for deliveries
     * that still carry this round's {@code claim} and, for the first, are still pending: a round that outlived its
     * claim, whose deliveries another instance has claimed since, records nothing, and a delivered delivery never
     * turns back. First one unordered bulk write gives each delivery its outcome in the queue (the retried ones are
     * then due again at their retry time); then the finished ones are copied to the history and removed from the
     * queue. An instance dying between those writes leaves finished deliveries in the queue, never due again, and
     * {@link #completeMoves} moves them later.
     */
    public void record(String claim, List<Attempt> attempts) {
        List<WriteModel<Document>> writes = new ArrayList<>(attempts.size());
        List<String> finished = new ArrayList<>();
        for (Attempt a : attempts) {
            Date at = Date.from(a.at());
            Bson ours = Filters.and(Filters.eq("_id", a.delivery().id()), Filters.eq("claim", claim),
                    Filters.eq("status", "pending"));
            List<Bson> set = new ArrayList<>(List.of(Updates.inc("attempts", 1), Updates.set("lastAttemptAt", at)));
            if (a.error() == null) {
                set.addAll(List.of(Updates.set("status", "delivered"), Updates.set("deliveredAt", at),
                        Updates.set("nextAttemptAt", null)));
            } else if (a.retryAt() == null) {
                set.addAll(List.of(Updates.set("status", "failed"), Updates.set("lastError", a.error()),
                        Updates.set("nextAttemptAt", null)));
            } else {
                set.addAll(List.of(Updates.set("lastError", a.error()),
                        Updates.set("nextAttemptAt", Date.from(a.retryAt())), Updates.unset("claim")));
            }
            if (a.finished()) {
                finished.add(a.delivery().id());
            }
            writes.add(new UpdateOneModel<>(ours, Updates.combine(set)));
        }
        if (writes.isEmpty()) {
            return;
        }
        deliveries.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        if (!finished.isEmpty()) {
            moveToHistory(Filters.and(Filters.in("_id", finished), Filters.eq("claim", claim)));
        }
    }

    /**
     * Completes the moves to the history that an instance left half done by dying between {@link #record}'s writes:
     * finished deliveries still in the queue that a round claimed and last attempted before {@code attemptedBefore}
     * (long enough ago that no round is still recording them). Finished deliveries without a claim, as a version
     * before the history left them, stay where they are until retention.
     */
    public void completeMoves(Instant attemptedBefore) {
        moveToHistory(Filters.and(Filters.in("status", "delivered", "failed"), Filters.exists("claim"),
                Filters.lt("lastAttemptAt", Date.from(attemptedBefore))));
    }

    // A copy in the history first, then the removal from the queue: a crash in between leaves a delivery in both,
    // which the next move completes (the history keeps the copy it has).
    private void moveToHistory(Bson finished) {
        List<Document> moved = new ArrayList<>();
        deliveries.find(Filters.and(finished, Filters.in("status", "delivered", "failed")))
                .projection(Projections.exclude("body", "claim")).forEach(moved::add);
        if (moved.isEmpty()) {
            return;
        }
        insertIgnoringDuplicates(history, moved);
        deliveries.deleteMany(Filters.and(finished, Filters.in("status", "delivered", "failed"),
                Filters.in("_id", moved.stream().map(d -> d.get("_id")).toList())));
    }

    /** Removes the deliveries queued before {@code cutoff}, whatever became of them. */
    public long deleteCreatedBefore(Instant cutoff) {
        return deliveries.deleteMany(Filters.lt("createdAt", Date.from(cutoff))).getDeletedCount()
                + history.deleteMany(Filters.lt("createdAt", Date.from(cutoff))).getDeletedCount();
    }

    /** How many of a webhook's deliveries are in each state. */
    public record DeliveryCounts(long pending, long delivered, long failed) {
    }

    /** Deliveries per status, for the webhook's own view (index {@code webhookId}). */
    public DeliveryCounts counts(String webhookId) {
        return new DeliveryCounts(count(webhookId, "pending"), count(webhookId, "delivered"),
                count(webhookId, "failed"));
    }

    private long count(String webhookId, String status) {
        // Delivered and failed ones are in the history, or still in the queue when a version before the history
        // finished them.
        Bson filter = Filters.and(Filters.eq("webhookId", webhookId), Filters.eq("status", status));
        return deliveries.countDocuments(filter) + (status.equals("pending") ? 0 : history.countDocuments(filter));
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
                instant(d, "lastAttemptAt"), instant(d, "createdAt"));
    }

    private static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
