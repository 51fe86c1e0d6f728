package io.newsflow.ingest.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.newsflow.ingest.config.IngestConfig;
import io.quarkus.runtime.StartupEvent;

/**
 * Feeds that ingest-service polls, with their fetch status and WebSub subscription, and the entries already taken
 * from each, so that an entry is fetched and ingested once, not at every poll.
 */
@ApplicationScoped
public class SourceStore {

    private final MongoCollection<Document> sources;
    private final MongoCollection<Document> entries;

    SourceStore(MongoClient client, IngestConfig config) {
        this.sources = client.getDatabase(config.database()).getCollection("sources");
        this.entries = client.getDatabase(config.database()).getCollection("source_entries");
    }

    void createIndexes(@Observes StartupEvent start) {
        sources.createIndex(Indexes.ascending("nextPollAt"));
        sources.createIndex(Indexes.ascending("owner"));
    }

    /** How many sources this publisher added; a count on the {@code owner} index. */
    public long countOwnedBy(String owner) {
        return sources.countDocuments(Filters.eq("owner", owner));
    }

    /** @return false when a source with this id exists already */
    public boolean create(Source source) {
        try {
            sources.insertOne(toDocument(source));
            return true;
        } catch (MongoWriteException e) {
            if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    public Optional<Source> find(String id) {
        return Optional.ofNullable(sources.find(Filters.eq("_id", id)).first()).map(SourceStore::fromDocument);
    }

    public List<Source> all() {
        List<Source> all = new ArrayList<>();
        sources.find().sort(Sorts.ascending("createdAt")).forEach(d -> all.add(fromDocument(d)));
        return all;
    }

    /** Sources whose WebSub subscription is active, for lease renewal. */
    public List<Source> withActiveWebSub() {
        List<Source> found = new ArrayList<>();
        sources.find(Filters.eq("websub.state", WebSubState.State.ACTIVE.name()))
                .forEach(d -> found.add(fromDocument(d)));
        return found;
    }

    /** Sources whose next poll is due, soonest first. */
    public List<Source> due(Instant now, int limit) {
        List<Source> due = new ArrayList<>();
        sources.find(Filters.lte("nextPollAt", Date.from(now))).sort(Sorts.ascending("nextPollAt")).limit(limit)
                .forEach(d -> due.add(fromDocument(d)));
        return due;
    }

    public void updateSettings(String id, Duration interval, String language, String timeZone, Instant nextPollAt) {
        sources.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("interval", interval.toString()), Updates.set("language", language),
                Updates.set("timeZone", timeZone), Updates.set("nextPollAt", Date.from(nextPollAt))));
    }

    public boolean delete(String id) {
        entries.deleteMany(Filters.regex("_id", "^" + id + ":"));
        return sources.deleteOne(Filters.eq("_id", id)).getDeletedCount() == 1;
    }

    /** Claims a due source for one poll by moving its next poll past the poll's own duration. */
    public boolean claim(String id, Instant due, Instant until) {
        return sources.updateOne(Filters.and(Filters.eq("_id", id), Filters.lte("nextPollAt", Date.from(due))),
                Updates.set("nextPollAt", Date.from(until))).getModifiedCount() == 1;
    }

    public void recordSuccess(String id, Instant at, int newEntries, String etag, String lastModified, Instant next,
            String title) {
        List<Bson> updates = new ArrayList<>(List.of(
                Updates.set("lastFetchAt", Date.from(at)), Updates.set("lastSuccessAt", Date.from(at)),
                Updates.set("consecutiveFailures", 0), Updates.inc("entriesSeen", newEntries),
                Updates.set("nextPollAt", Date.from(next))));
        if (etag != null || lastModified != null) {
            updates.add(Updates.set("etag", etag));
            updates.add(Updates.set("lastModified", lastModified));
        }
        if (title != null) {
            updates.add(Updates.set("title", title));
        }
        sources.updateOne(Filters.eq("_id", id), Updates.combine(updates));
    }

    public void recordFailure(String id, Instant at, String error, Instant next) {
        sources.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("lastFetchAt", Date.from(at)), Updates.set("lastError", error),
                Updates.set("lastErrorAt", Date.from(at)), Updates.inc("consecutiveFailures", 1),
                Updates.set("nextPollAt", Date.from(next))));
    }

    public void recordWebSub(String id, WebSubState state) {
        sources.updateOne(Filters.eq("_id", id), Updates.set("websub", websub(state)));
    }

    /**
     * Records a new request to the hub only if the subscription is still as {@code seen} (null: none): a conditional
     * write on {@code _id}, so that of several instances deciding at once to subscribe or renew, one asks the hub,
     * with one secret, and none writes over a verification it did not see.
     *
     * @return whether this request is the one to send
     */
    public boolean requestWebSub(String id, WebSubState seen, WebSubState request) {
        return sources.updateOne(Filters.and(Filters.eq("_id", id), unchanged(seen)),
                Updates.set("websub", websub(request))).getModifiedCount() == 1;
    }

    /**
     * Marks the subscription lapsed (polling takes over) only if it is still as {@code seen}: a lease that ended, or
     * a request the hub refused, as this instance saw it. A renewal or verification that another instance recorded
     * meanwhile stays as it is. A point update on {@code _id}.
     *
     * @return whether it is lapsed now as it was seen (also when it was lapsed already)
     */
    public boolean lapseWebSub(String id, WebSubState seen) {
        if (seen == null) {
            return false;
        }
        // Matched, not modified: lapsing what is lapsed already changes nothing and is still this view's outcome.
        return sources.updateOne(Filters.and(Filters.eq("_id", id), unchanged(seen)),
                Updates.set("websub.state", WebSubState.State.LAPSED.name())).getMatchedCount() == 1;
    }

    private static Bson unchanged(WebSubState seen) {
        return seen == null ? Filters.eq("websub", null)
                : Filters.and(Filters.eq("websub.requestedAt", date(seen.requestedAt())),
                        Filters.eq("websub.verifiedAt", date(seen.verifiedAt())),
                        Filters.eq("websub.state", seen.state().name()));
    }

    private static Document websub(WebSubState state) {
        return state == null ? null : new Document()
                .append("hub", state.hub()).append("topic", state.topic()).append("secret", state.secret())
                .append("state", state.state().name()).append("requestedAt", date(state.requestedAt()))
                .append("leaseExpiresAt", date(state.leaseExpiresAt()))
                .append("verifiedAt", date(state.verifiedAt()));
    }

    /** Whether this version of an entry was taken already; an entry that changed since counts as new. */
    public boolean seen(String sourceId, String entryKey, String fingerprint) {
        Document doc = entries.find(Filters.eq("_id", sourceId + ":" + entryKey)).first();
        return doc != null && fingerprint.equals(doc.getString("fingerprint"));
    }

    public void markSeen(String sourceId, String entryKey, String fingerprint) {
        entries.updateOne(Filters.eq("_id", sourceId + ":" + entryKey),
                Updates.combine(Updates.set("fingerprint", fingerprint), Updates.set("seenAt", new Date())),
                new UpdateOptions().upsert(true));
    }

    private static Document toDocument(Source s) {
        return new Document("_id", s.id()).append("url", s.url()).append("interval", s.interval().toString())
                .append("language", s.language()).append("timeZone", s.timeZone()).append("owner", s.owner())
                .append("createdAt", Date.from(s.createdAt())).append("nextPollAt", Date.from(s.status().nextPollAt()))
                .append("entriesSeen", 0L).append("consecutiveFailures", 0);
    }

    private static Source fromDocument(Document d) {
        Document w = d.get("websub", Document.class);
        WebSubState websub = w == null ? null : new WebSubState(w.getString("hub"), w.getString("topic"),
                w.getString("secret"), WebSubState.State.valueOf(w.getString("state")), instant(w, "requestedAt"),
                instant(w, "verifiedAt"), instant(w, "leaseExpiresAt"));
        Number seen = d.get("entriesSeen", Number.class);
        return new Source(d.getString("_id"), d.getString("url"), Duration.parse(d.getString("interval")),
                d.getString("language"), d.getString("timeZone"), d.getString("owner"), instant(d, "createdAt"),
                d.getString("title"),
                new SourceStatus(instant(d, "lastFetchAt"), instant(d, "lastSuccessAt"), d.getString("lastError"),
                        instant(d, "lastErrorAt"), seen == null ? 0 : seen.longValue(), instant(d, "nextPollAt"),
                        d.getString("etag"), d.getString("lastModified"), d.getInteger("consecutiveFailures", 0)),
                websub);
    }

    private static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    /**
     * A polled feed.
     *
     * @param id       derived from the canonical feed URL, so the same feed cannot be added twice
     * @param owner    the publisher whose key added it; its articles are recorded under the feed's host
     * @param title    the feed's own title, once fetched
     */
    public record Source(String id, String url, Duration interval, String language, String timeZone, String owner,
            Instant createdAt, String title, SourceStatus status, WebSubState websub) {
    }

    /** What happened at the last polls; shown by the API. */
    public record SourceStatus(Instant lastFetchAt, Instant lastSuccessAt, String lastError, Instant lastErrorAt,
            long entriesSeen, Instant nextPollAt, String etag, String lastModified, int consecutiveFailures) {
    }

    /**
     * A WebSub subscription: requested, verified by the hub (active), or lapsed (polling takes over again).
     *
     * @param requestedAt when we last asked the hub (to subscribe or renew)
     * @param verifiedAt  when the hub last verified our intent
     */
    public record WebSubState(String hub, String topic, String secret, State state, Instant requestedAt,
            Instant verifiedAt, Instant leaseExpiresAt) {

        public enum State {
            REQUESTED, ACTIVE, LAPSED
        }
    }
}
