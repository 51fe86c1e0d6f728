package io.newsflow.publish.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    /** A webhook's latest deliveries, newest first (index {@code webhookId}). */
    public List<Delivery> deliveries(String webhookId, int limit) {
        List<Delivery> found = new ArrayList<>();
        deliveries.find(Filters.eq("webhookId", webhookId)).sort(Sorts.descending("createdAt")).limit(limit)
                .forEach(d -> found.add(delivery(d)));
        return found;
    }

    /**
     * Claims a group of due deliveries, oldest first, for one round of attempts by this instance, with two writes
     * whatever the group's size (one durable commit for the claim, where one per delivery cost a commit and a sync
     * each): the due ones are listed (index {@code status, nextAttemptAt}), then moved past {@code until} and marked
     * with a new claim in one {@code updateMany} conditional on each still being due, then read back by {@code _id}
     * with that mark. A document is updated atomically, so of several instances listing the same delivery exactly
     * one claims it; if that one dies mid-attempt, the delivery is due again at {@code until}.
     *
     * @return what was due (at most {@code limit}), and of it what this call claimed, as claimed (its attempts as
     *         they are now, whatever another instance did since)
     */
    public Claimed claimDue(Instant now, Instant until, int limit) {
        List<Object> ids = new ArrayList<>();
        deliveries.find(Filters.and(Filters.eq("status", "pending"), Filters.lte("nextAttemptAt", Date.from(now))))
                .projection(Projections.include("_id")).sort(Sorts.ascending("nextAttemptAt")).limit(limit)
                .forEach(d -> ids.add(d.get("_id")));
        if (ids.isEmpty()) {
            return new Claimed(0, List.of());
        }
        String claim = UUID.randomUUID().toString();
        deliveries.updateMany(Filters.and(Filters.in("_id", ids), Filters.eq("status", "pending"),
                Filters.lte("nextAttemptAt", Date.from(now))),
                Updates.combine(Updates.set("nextAttemptAt", Date.from(until)), Updates.set("claim", claim)));
        List<Delivery> claimed = new ArrayList<>();
        deliveries.find(Filters.and(Filters.in("_id", ids), Filters.eq("claim", claim)))
                .forEach(d -> claimed.add(delivery(d)));
        return new Claimed(ids.size(), claimed);
    }

    /** The outcome of a {@link #claimDue}: how many deliveries were due, and those this instance claimed. */
    public record Claimed(int due, List<Delivery> deliveries) {
    }

    /** Removes deliveries whose webhook no longer exists (queued from a list read just before it was deleted). */
    public void discard(List<String> ids) {
        if (!ids.isEmpty()) {
            deliveries.deleteMany(Filters.in("_id", ids));
        }
    }

    /**
     * What one attempt at a delivery came to: delivered when {@code error} is null; otherwise retried at
     * {@code retryAt}, or failed for good when that is null too.
     */
    public record Attempt(String deliveryId, Instant at, String error, Instant retryAt) {

        public static Attempt delivered(String deliveryId, Instant at) {
            return new Attempt(deliveryId, at, null, null);
        }
    }

    /**
     * Records the outcomes of a round of attempts in one unordered bulk write. Each is written only while its
     * delivery is pending: a delivered one never turns back, whatever an instance whose claim ran out writes late.
     */
    public void record(List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return;
        }
        List<UpdateOneModel<Document>> writes = new ArrayList<>(attempts.size());
        for (Attempt a : attempts) {
            Date at = Date.from(a.at());
            String status = a.error() == null ? "delivered" : a.retryAt() == null ? "failed" : "pending";
            List<Bson> set = new ArrayList<>(List.of(Updates.set("status", status), Updates.inc("attempts", 1),
                    Updates.set("lastAttemptAt", at), Updates.unset("claim")));
            if (a.error() == null) {
                set.add(Updates.set("deliveredAt", at));
            } else {
                set.add(Updates.set("lastError", a.error()));
                set.add(Updates.set("nextAttemptAt", a.retryAt() == null ? null : Date.from(a.retryAt())));
            }
            writes.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", a.deliveryId()),
                    Filters.eq("status", "pending")), Updates.combine(set)));
        }
        deliveries.bulkWrite(writes, new BulkWriteOptions().ordered(false));
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
