package io.newsflow.publish.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;

import io.newsflow.publish.config.PublishConfig;
import io.quarkus.runtime.StartupEvent;

/** Registered webhooks and their deliveries: a delivery is a queued POST of one article revision to one webhook. */
@ApplicationScoped
public class WebhookStore {

    private final MongoCollection<Document> webhooks;
    private final MongoCollection<Document> deliveries;

    WebhookStore(MongoClient client, PublishConfig config) {
        this.webhooks = client.getDatabase(config.database()).getCollection("webhooks");
        this.deliveries = client.getDatabase(config.database()).getCollection("webhook_deliveries");
    }

    void createIndexes(@Observes StartupEvent start) {
        deliveries.createIndex(Indexes.compoundIndex(Indexes.ascending("status"), Indexes.ascending("nextAttemptAt")));
        deliveries.createIndex(Indexes.ascending("webhookId"));
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
        List<Document> documents = new ArrayList<>(queued.size());
        for (Queued q : queued) {
            documents.add(new Document("_id", q.webhookId() + ":" + q.articleId() + ":" + q.revision())
                    .append("webhookId", q.webhookId()).append("articleId", q.articleId())
                    .append("revision", q.revision()).append("body", q.body()).append("status", "pending")
                    .append("attempts", 0).append("nextAttemptAt", Date.from(now)).append("createdAt", Date.from(now)));
        }
        try {
            deliveries.insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyQueuedAlready = e.getWriteConcernError() == null && e.getWriteErrors().stream()
                    .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyQueuedAlready) {
                throw e;
            }
        }
    }

    /** Pending deliveries whose next attempt is due, oldest first (index {@code status, nextAttemptAt}). */
    public List<Delivery> due(Instant now, int limit) {
        List<Delivery> due = new ArrayList<>();
        deliveries.find(Filters.and(Filters.eq("status", "pending"), Filters.lte("nextAttemptAt", Date.from(now))))
                .sort(Sorts.ascending("nextAttemptAt")).limit(limit).forEach(d -> due.add(delivery(d)));
        return due;
    }

    public List<Delivery> deliveries(String webhookId, int limit) {
        List<Delivery> found = new ArrayList<>();
        deliveries.find(Filters.eq("webhookId", webhookId)).sort(Sorts.descending("createdAt")).limit(limit)
                .forEach(d -> found.add(delivery(d)));
        return found;
    }

    /**
     * Claims a due delivery for one attempt by moving its next attempt to {@code until}, past the attempt's own
     * duration: a conditional write on {@code _id}, so that of several instances seeing it due exactly one attempts
     * it; if that one dies mid-attempt, the delivery is due again at {@code until}.
     *
     * @return the delivery as claimed, or empty when another instance claimed it first
     */
    public Optional<Delivery> claim(String id, Instant due, Instant until) {
        // The delivery as claimed: its attempts as they are now, whatever another instance did since it was listed.
        return Optional.ofNullable(deliveries.findOneAndUpdate(Filters.and(Filters.eq("_id", id),
                Filters.eq("status", "pending"), Filters.lte("nextAttemptAt", Date.from(due))),
                Updates.set("nextAttemptAt", Date.from(until)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER))).map(WebhookStore::delivery);
    }

    /** Removes a delivery whose webhook no longer exists (queued from a list read just before it was deleted). */
    public void discard(String id) {
        deliveries.deleteOne(Filters.eq("_id", id));
    }

    // The outcome of an attempt is written only while the delivery is pending: a delivered one never turns back.
    public void delivered(String id, Instant at) {
        deliveries.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("status", "pending")),
                Updates.combine(Updates.set("status", "delivered"),
                        Updates.inc("attempts", 1), Updates.set("deliveredAt", Date.from(at)),
                        Updates.set("lastAttemptAt", Date.from(at))));
    }

    /** Records a failed attempt: retried at {@code next}, or marked failed for good when {@code next} is null. */
    public void attemptFailed(String id, Instant at, String error, Instant next) {
        deliveries.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("status", "pending")), Updates.combine(
                Updates.set("status", next == null ? "failed" : "pending"), Updates.inc("attempts", 1),
                Updates.set("lastError", error), Updates.set("lastAttemptAt", Date.from(at)),
                Updates.set("nextAttemptAt", next == null ? null : Date.from(next))));
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
        return new DeliveryCounts(count(webhookId, "pending"), count(webhookId, "delivered"),
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
