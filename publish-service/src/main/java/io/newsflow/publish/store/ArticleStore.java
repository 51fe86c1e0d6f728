package io.newsflow.publish.store;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.bson.Document;
import org.bson.conversions.Bson;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

import io.newsflow.contract.Article;
import io.newsflow.contract.ArticleEnriched;
import io.newsflow.contract.Category;
import io.newsflow.contract.Enrichment;
import io.newsflow.contract.Entity;
import io.newsflow.contract.FilterRules;
import io.newsflow.contract.Keyword;
import io.newsflow.publish.config.PublishConfig;
import io.newsflow.publish.feeds.Cursor;
import io.quarkus.runtime.StartupEvent;

/**
 * One document per article id in the {@code articles} collection, written by revision-guarded upserts and read
 * newest first with keyset paging, so that a page boundary stays put while new articles arrive.
 */
@ApplicationScoped
public class ArticleStore {

    static final String COLLECTION = "articles";
    private static final String FIRST_STORED_AT = "firstStoredAt";
    private static final String STORED_FROM = "storedFrom";
    private static final String SOURCE_KEY = "sourceKey";

    private static final String STORED_AT = "storedAt";
    // Where each start-up backfill got to (one document per backfill, keyed by the field it fills).
    private static final String BACKFILLS = "publish_backfills";
    private static final String CHECKED_UP_TO = "checkedUpTo";
    // How far before the last complete pass a start looks again: an article stored by another instance, whose clock
    // may differ, or whose write took long, may carry a storedAt a little before the pass that missed it.
    private static final Duration BACKFILL_OVERLAP = Duration.ofMinutes(10);
    private static final int BACKFILL_BATCH = 1000;
    // The stored field each filter compares (see filters()), in a fixed order.
    private static final List<Map.Entry<String, String>> FILTER_FIELDS = List.of(Map.entry("language", "language"),
            Map.entry("source", SOURCE_KEY), Map.entry("category", "categoryKeys"), Map.entry("tag", "tags"),
            Map.entry("keyword", "keywordSlugs"), Map.entry("entity", "entityKeys"));

    private final MongoCollection<Document> articles;
    private final MongoCollection<Document> backfills;
    private final PublishConfig config;

    ArticleStore(MongoClient client, PublishConfig config) {
        this.articles = client.getDatabase(config.database()).getCollection(COLLECTION);
        this.backfills = client.getDatabase(config.database()).getCollection(BACKFILLS);
        this.config = config;
    }

    void createIndexes(@Observes StartupEvent start) {
        articles.createIndex(Indexes.compoundIndex(Indexes.descending("sortAt"), Indexes.descending("_id")));
        // The backfill's walk in storage order (on the embedded MongoDB-wire server too, which keeps indexes that
        // end in _id: ADR 0007).
        articles.createIndex(Indexes.compoundIndex(Indexes.ascending(STORED_AT), Indexes.ascending("_id")));
        // The word search's field alone ($all over searchTerms: MongoDB reads one word's entries). Every filter field
        // leads a compound index below or is left unindexed by choice: an index of its own would only cost MongoDB a
        // write more per stored article. (Deployments that created the single-field ones of earlier versions keep
        // them; dropping them is left to the operator.)
        articles.createIndex(Indexes.ascending("searchTerms"));
        // A filtered page walks that value's articles in the feed's order (equality, then the sort; a keyword's key and
        // slug, an $in, walked side by side), however few of the stored articles hold it: on MongoDB, and on the
        // embedded server, which keeps indexes that end in _id (ADR 0007).
        for (String field : indexedFilterFields(config.indexedFilters())) {
            articles.createIndex(Indexes.compoundIndex(Indexes.ascending(field), Indexes.descending("sortAt"),
                    Indexes.descending("_id")));
        }
        backfillSourceKeys();
    }

    /** The stored fields of the filters named, in a fixed order; a name that is no filter is refused. */
    static List<String> indexedFilterFields(Set<String> filters) {
        Set<String> unknown = new TreeSet<>(filters);
        FILTER_FIELDS.forEach(e -> unknown.remove(e.getKey()));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("newsflow.publish.indexed-filters names no filter " + unknown
                    + "; the filters are " + FILTER_FIELDS.stream().map(Map.Entry::getKey).toList());
        }
        return FILTER_FIELDS.stream().filter(e -> filters.contains(e.getKey())).map(Map.Entry::getValue).toList();
    }

    /**
     * Gives {@code sourceKey} to the articles stored before it existed, so that the source filter follows
     * {@link FilterRules} for every article: a batch of point updates at a time, each conditional on the key still
     * missing, so that instances starting together do the same work at most once per document. Each start looks at
     * the articles stored since the last complete pass (less ten minutes, for other instances' clocks), in storage order
     * (index {@code storedAt, _id}), and records where it got to in {@value #BACKFILLS}: a start reads what was
     * stored since the start before, not the whole history (on the embedded server, which keeps no index of missing
     * keys, a full read took 34 s of every start with 100,000 articles). The first start of this version reads them
     * all, once; an article an earlier version stores meanwhile (a rolling upgrade) is stored after that pass began,
     * and the next start fills it.
     *
     * @return how many articles got their key
     */
    public long backfillSourceKeys() {
        Instant passStarted = Instant.now();
        Document checked = backfills.find(Filters.eq("_id", SOURCE_KEY)).first();
        Bson since = checked == null || checked.getDate(CHECKED_UP_TO) == null ? null
                : Filters.gte(STORED_AT, Date.from(checked.getDate(CHECKED_UP_TO).toInstant().minus(BACKFILL_OVERLAP)));
        long filled = 0;
        Document last = null;
        while (true) {
            List<Bson> conditions = new ArrayList<>(List.of(Filters.exists(SOURCE_KEY, false),
                    Filters.type("source", "string")));
            if (since != null) {
                conditions.add(since);
            }
            if (last != null) {
                // After the last article of the batch before, in the walk's order: each article is read once.
                Object at = last.get(STORED_AT);
                conditions.add(Filters.or(Filters.gt(STORED_AT, at),
                        Filters.and(Filters.eq(STORED_AT, at), Filters.gt("_id", last.get("_id")))));
            }
            List<Document> batch = articles.find(Filters.and(conditions))
                    .sort(Sorts.ascending(STORED_AT, "_id")).projection(Projections.include("source", STORED_AT))
                    .limit(BACKFILL_BATCH).into(new ArrayList<>());
            if (batch.isEmpty()) {
                break;
            }
            List<WriteModel<Document>> writes = batch.stream().<WriteModel<Document>>map(d -> new UpdateOneModel<>(
                    Filters.and(Filters.eq("_id", d.get("_id")), Filters.exists(SOURCE_KEY, false)),
                    Updates.set(SOURCE_KEY, FilterRules.key(d.getString("source"))))).toList();
            // Another instance may have filled some between the read and the write: the guard skips those.
            filled += articles.bulkWrite(writes, new BulkWriteOptions().ordered(false)).getModifiedCount();
            last = batch.get(batch.size() - 1);
        }
        backfills.updateOne(Filters.eq("_id", SOURCE_KEY), Updates.max(CHECKED_UP_TO, Date.from(passStarted)),
                new UpdateOptions().upsert(true));
        return filled;
    }

    /**
     * Stores each article's revision unless an equal or newer one is stored already, so that replayed, duplicated and
     * out-of-order events change nothing: one unordered bulk write of replaces guarded by
     * {@code {_id, revision: {$lt: r}}} (index {@code _id}). The articles must have distinct ids.
     *
     * @return the articles this call changed, in order
     */
    public List<StoredArticle> upsertAll(List<Prepared> prepared) {
        List<WriteModel<Document>> writes = new ArrayList<>(prepared.size());
        for (Prepared p : prepared) {
            writes.add(new ReplaceOneModel<>(
                    Filters.and(Filters.eq("_id", p.article().id()), Filters.lt("revision", p.article().revision())),
                    p.document(), new ReplaceOptions().upsert(true)));
        }
        Set<Integer> older = new HashSet<>();
        if (!writes.isEmpty()) {
            try {
                articles.bulkWrite(writes, new BulkWriteOptions().ordered(false));
            } catch (MongoBulkWriteException e) {
                for (BulkWriteError error : e.getWriteErrors()) {
                    // The guard missed because an equal or newer revision exists, so the upsert hit the unique _id.
                    if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                        throw e;
                    }
                    older.add(error.getIndex());
                }
            }
        }
        List<StoredArticle> stored = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            if (!older.contains(i)) {
                stored.add(prepared.get(i).article());
            }
        }
        return stored;
    }

    /** What the next revision of a stored article keeps: its revision, to compare, and when it was first stored. */
    public record Known(int revision, Instant firstStoredAt) {
    }

    /**
     * The stored articles among these ids; one query on the {@code _id} index, three fields. Kafka gives all the
     * events of one article to one consumer, one poll after another, so nothing writes an article between this read
     * and the write that follows it; the write is guarded by the revision all the same.
     */
    public Map<String, Known> knownOf(Collection<String> ids) {
        Map<String, Known> known = new HashMap<>();
        if (!ids.isEmpty()) {
            articles.find(Filters.in("_id", new HashSet<>(ids)))
                    .projection(Projections.include("revision", FIRST_STORED_AT, "publishedAt", "sortAt", "storedAt"))
                    .forEach(d -> known.put(d.getString("_id"),
                            new Known(d.getInteger("revision", 0), Instant.parse(firstStoredAt(d)))));
        }
        return known;
    }

    /**
     * When the article was first stored. Documents written before {@code firstStoredAt} existed: an undated one's
     * {@code sortAt}, its arrival as the feed placed it; a dated one's {@code storedAt}, the latest store known.
     */
    private static String firstStoredAt(Document doc) {
        String first = instant(doc, FIRST_STORED_AT);
        if (first != null) {
            return first;
        }
        return doc.get("publishedAt") == null && doc.getDate("sortAt") != null ? instant(doc, "sortAt")
                : instant(doc, "storedAt");
    }

    /**
     * The record of {@code articles-enriched} whose event stored an article's revision. Kept with the article, so that
     * an instance announcing a later copy of the same event (enrich sends one again when it dies before committing)
     * can name that record, and a client another instance already sent it is not sent the copy (docs/adr/0011).
     */
    public record Source(int partition, long offset) {
    }

    /** A stored article and the record that stored its revision; no source for articles stored before it was kept. */
    public record Stored(StoredArticle article, Optional<Source> source) {
    }

    /** An event converted once: the document to store and the article it is. */
    public record Prepared(Document document, StoredArticle article) {

        /**
         * @param source the record the event came from
         * @param known  the stored article this event revises, if any
         */
        public static Prepared of(ArticleEnriched event, Source source, Optional<Known> known) {
            Instant now = Instant.now();
            Document document = toDocument(event, now, known.map(Known::firstStoredAt).orElse(now))
                    .append(STORED_FROM,
                            new Document("partition", source.partition()).append("offset", source.offset()));
            return new Prepared(document, fromDocument(document));
        }
    }

    /** The stored articles among these ids, whole, with their sources; one query on the {@code _id} index. */
    public Map<String, Stored> findAll(Collection<String> ids) {
        Map<String, Stored> found = new HashMap<>();
        if (!ids.isEmpty()) {
            articles.find(Filters.in("_id", new HashSet<>(ids)))
                    .forEach(d -> found.put(d.getString("_id"), new Stored(fromDocument(d), source(d))));
        }
        return found;
    }

    private static Optional<Source> source(Document doc) {
        Document source = doc.get(STORED_FROM, Document.class);
        if (source == null || !(source.get("partition") instanceof Number partition)
                || !(source.get("offset") instanceof Number offset)) {
            return Optional.empty();
        }
        return Optional.of(new Source(partition.intValue(), offset.longValue()));
    }

    public Optional<StoredArticle> find(String id) {
        return Optional.ofNullable(articles.find(Filters.eq("_id", id)).first()).map(ArticleStore::fromDocument);
    }

    /** Newest first (by publication time, or arrival for articles without one), after {@code after} if given. */
    public List<StoredArticle> page(ArticleQuery query, Optional<Cursor> after, int limit) {
        List<Bson> filters = filters(query);
        after.ifPresent(c -> filters.add(Filters.or(
                Filters.lt("sortAt", Date.from(c.sortAt())),
                Filters.and(Filters.eq("sortAt", Date.from(c.sortAt())), Filters.lt("_id", c.id())))));
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<StoredArticle> page = new ArrayList<>();
        articles.find(filter).sort(Sorts.descending("sortAt", "_id")).limit(limit)
                .forEach(doc -> page.add(fromDocument(doc)));
        return page;
    }

    /** Removes the articles stored before {@code cutoff}; returns how many. */
    public long deleteStoredBefore(Instant cutoff) {
        return articles.deleteMany(Filters.lt("storedAt", Date.from(cutoff))).getDeletedCount();
    }

    private static List<Bson> filters(ArticleQuery query) {
        List<Bson> filters = new ArrayList<>();
        // FilterRules' comparisons over the stored key fields, each indexed (see createIndexes).
        query.language().ifPresent(l -> filters.add(Filters.eq("language", FilterRules.key(l))));
        query.tag().ifPresent(t -> filters.add(Filters.eq("tags", t)));
        query.keyword().ifPresent(k -> filters.add(Filters.in("keywordSlugs", FilterRules.keywordKeys(k))));
        query.entity().ifPresent(e -> filters.add(Filters.eq("entityKeys", FilterRules.key(e))));
        query.category().ifPresent(c -> filters.add(Filters.eq("categoryKeys", FilterRules.key(c))));
        // Every stored article has its sourceKey (backfillSourceKeys at start-up).
        query.source().ifPresent(s -> filters.add(Filters.eq(SOURCE_KEY, FilterRules.key(s))));
        query.since().ifPresent(s -> filters.add(Filters.gte("sortAt", Date.from(s))));
        query.until().ifPresent(u -> filters.add(Filters.lt("sortAt", Date.from(u))));
        query.q().map(Search::words).filter(w -> !w.isEmpty())
                .ifPresent(w -> filters.add(Filters.all("searchTerms", w)));
        return filters;
    }

    /**
     * @param firstStoredAt when the article's first revision was stored ({@code now} for a new article): its place
     *                      in the feed when it states no publication time, so that a correction does not move it
     */
    static Document toDocument(ArticleEnriched event, Instant now, Instant firstStoredAt) {
        Article a = event.article();
        Enrichment e = event.enrichment();
        Instant sortAt = a.publishedAt() != null ? a.publishedAt().toInstant() : firstStoredAt;
        return new Document("_id", event.articleId())
                .append("revision", event.revision())
                .append("eventId", event.eventId().toString())
                .append("title", a.title())
                .append("text", a.text())
                .append("url", a.url())
                .append("author", a.author())
                // The offset is part of the fact; the Date beside it is only for sorting and ranges.
                .append("publishedAt", a.publishedAt() == null ? null
                        : a.publishedAt().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .append("sortAt", Date.from(sortAt))
                .append("section", a.section())
                .append("source", a.source())
                .append(SOURCE_KEY, a.source() == null ? null : FilterRules.key(a.source()))
                .append("tags", a.tags())
                .append("related", a.related().stream()
                        .map(r -> new Document("title", r.title()).append("url", r.url())).toList())
                .append("language", e.language())
                .append("languageConfidence", e.languageConfidence())
                .append("keywords", e.keywords().stream()
                        .map(k -> new Document("text", k.text()).append("slug", k.slug()).append("score", k.score()))
                        .toList())
                .append("keywordSlugs", e.keywords().stream().map(Keyword::slug).toList())
                .append("entities",
                        e.entities().stream().map(n -> new Document("name", n.name()).append("type", n.type())
                                .append("count", n.count()).append("country", n.country())
                                .append("aliases", n.aliases())).toList())
                // The keys FilterRules compares, for the filters.
                .append("entityKeys", e.entities().stream()
                        .flatMap(n -> FilterRules.entityKeys(n).stream()).distinct().toList())
                .append("categories", e.categories().stream().map(c -> new Document("code", c.code())
                        .append("label", c.label()).append("score", c.score()).append("evidence", c.evidence()))
                        .toList())
                .append("categoryKeys", e.categories().stream()
                        .flatMap(c -> FilterRules.categoryKeys(c).stream()).distinct().toList())
                .append("summary", e.summary())
                .append("searchTerms", List.copyOf(Search.terms(a.title(), e.summary(), e.keywords())))
                .append("readingTimeMinutes", e.readingTimeMinutes())
                .append("wordCount", e.wordCount())
                .append("enrichmentVersion", e.enrichmentVersion())
                .append("ingestedAt", event.ingestedAt() == null ? null : Date.from(event.ingestedAt()))
                .append("enrichedAt", Date.from(event.occurredAt()))
                .append("storedAt", Date.from(now))
                .append(FIRST_STORED_AT, Date.from(firstStoredAt));
    }

    static StoredArticle fromDocument(Document doc) {
        List<Keyword> keywords = doc.getList("keywords", Document.class, List.of()).stream()
                .map(k -> new Keyword(k.getString("text"), k.getString("slug"),
                        k.get("score", Number.class).doubleValue()))
                .toList();
        List<Entity> entities = doc.getList("entities", Document.class, List.of()).stream()
                .map(n -> new Entity(n.getString("name"), n.getString("type"), n.getInteger("count", 0),
                        n.getString("country"), n.getList("aliases", String.class, List.of())))
                .toList();
        List<Category> categories = doc.getList("categories", Document.class, List.of()).stream()
                .map(c -> new Category(c.getString("code"), c.getString("label"),
                        c.get("score", Number.class).doubleValue(),
                        c.getList("evidence", String.class, List.of())))
                .toList();
        Number confidence = doc.get("languageConfidence", Number.class);
        return new StoredArticle(doc.getString("_id"), doc.getInteger("revision"), doc.getString("title"),
                doc.getString("text"), doc.getString("url"), doc.getString("author"), doc.getString("publishedAt"),
                doc.getString("section"), doc.getString("source"), doc.getList("tags", String.class, List.of()),
                doc.getList("related", Document.class, List.of()).stream()
                        .map(r -> new Article.Related(r.getString("title"), r.getString("url"))).toList(),
                doc.getString("language"), confidence == null ? 0 : confidence.doubleValue(), keywords, entities,
                categories, doc.getString("summary"), doc.getInteger("readingTimeMinutes"),
                doc.getInteger("wordCount"), doc.getString("enrichmentVersion"), instant(doc, "ingestedAt"),
                instant(doc, "enrichedAt"), instant(doc, "storedAt"), firstStoredAt(doc));
    }

    private static String instant(Document doc, String field) {
        Date date = doc.getDate(field);
        return date == null ? null : date.toInstant().toString();
    }
}
