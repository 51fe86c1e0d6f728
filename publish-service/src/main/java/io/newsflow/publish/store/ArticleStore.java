package io.newsflow.publish.store;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
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
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;

import io.newsflow.contract.Article;
import io.newsflow.contract.ArticleEnriched;
import io.newsflow.contract.Category;
import io.newsflow.contract.Enrichment;
import io.newsflow.contract.Entity;
import io.newsflow.contract.Keyword;
import io.newsflow.publish.config.PublishConfig;
import io.quarkus.runtime.StartupEvent;

/** One document per article id in the {@code articles} collection; writes are revision-guarded upserts. */
@ApplicationScoped
public class ArticleStore {

    static final String COLLECTION = "articles";

    private final MongoCollection<Document> articles;

    ArticleStore(MongoClient client, PublishConfig config) {
        this.articles = client.getDatabase(config.database()).getCollection(COLLECTION);
    }

    void createIndexes(@Observes StartupEvent start) {
        articles.createIndex(Indexes.compoundIndex(Indexes.descending("sortAt"), Indexes.descending("_id")));
        articles.createIndex(Indexes.ascending("language"));
        articles.createIndex(Indexes.ascending("tags"));
        articles.createIndex(Indexes.ascending("keywordSlugs"));
    }

    /**
     * Stores the event's revision unless an equal or newer one is stored already. Replayed, duplicated and
     * out-of-order events therefore change nothing.
     *
     * @return true when this call changed the stored article
     */
    public boolean upsert(ArticleEnriched event) {
        try {
            articles.replaceOne(
                    Filters.and(Filters.eq("_id", event.articleId()), Filters.lt("revision", event.revision())),
                    toDocument(event), new ReplaceOptions().upsert(true));
            return true;
        } catch (MongoWriteException e) {
            // The filter missed because an equal or newer revision exists, so the upsert hit the unique _id.
            if (ErrorCategory.fromErrorCode(e.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    public Optional<StoredArticle> find(String id) {
        return Optional.ofNullable(articles.find(Filters.eq("_id", id)).first()).map(ArticleStore::fromDocument);
    }

    /** Newest first: by publication time, or by arrival for articles without one. */
    public List<StoredArticle> newest(ArticleQuery query, int limit) {
        List<Bson> filters = new ArrayList<>();
        query.language().ifPresent(l -> filters.add(Filters.eq("language", l)));
        query.tag().ifPresent(t -> filters.add(Filters.eq("tags", t)));
        query.keyword().ifPresent(k -> filters.add(Filters.eq("keywordSlugs", k)));
        query.source().ifPresent(s -> filters.add(Filters.eq("source", s)));
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<StoredArticle> page = new ArrayList<>();
        articles.find(filter).sort(Sorts.descending("sortAt", "_id")).limit(limit)
                .forEach(doc -> page.add(fromDocument(doc)));
        return page;
    }

    static Document toDocument(ArticleEnriched event) {
        Article a = event.article();
        Enrichment e = event.enrichment();
        Instant now = Instant.now();
        Instant sortAt = a.publishedAt() != null ? a.publishedAt().toInstant() : now;
        List<Document> keywords = e.keywords().stream()
                .map(k -> new Document("text", k.text()).append("slug", k.slug()).append("score", k.score()))
                .toList();
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
                .append("tags", a.tags())
                .append("language", e.language())
                .append("languageConfidence", e.languageConfidence())
                .append("keywords", keywords)
                .append("keywordSlugs", e.keywords().stream().map(Keyword::slug).toList())
                .append("entities", e.entities().stream().map(n -> new Document("name", n.name()).append("type", n.type())
                        .append("count", n.count()).append("country", n.country()).append("aliases", n.aliases())).toList())
                // Lower-cased names and aliases, for the entity filter.
                .append("entityKeys", e.entities().stream().flatMap(n -> java.util.stream.Stream.concat(
                        java.util.stream.Stream.of(n.name()), n.aliases().stream()))
                        .map(x -> x.toLowerCase(java.util.Locale.ROOT)).distinct().toList())
                .append("categories", e.categories().stream().map(c -> new Document("code", c.code())
                        .append("label", c.label()).append("score", c.score()).append("evidence", c.evidence())).toList())
                .append("categoryKeys", e.categories().stream().flatMap(c -> java.util.stream.Stream.of(c.code(),
                        c.label().toLowerCase(java.util.Locale.ROOT))).distinct().toList())
                .append("summary", e.summary())
                .append("readingTimeMinutes", e.readingTimeMinutes())
                .append("wordCount", e.wordCount())
                .append("enrichmentVersion", e.enrichmentVersion())
                .append("enrichedAt", Date.from(event.occurredAt()))
                .append("storedAt", Date.from(now));
    }

    static StoredArticle fromDocument(Document doc) {
        List<Keyword> keywords = doc.getList("keywords", Document.class, List.of()).stream()
                .map(k -> new Keyword(k.getString("text"), k.getString("slug"), k.get("score", Number.class).doubleValue()))
                .toList();
        return new StoredArticle(doc.getString("_id"), doc.getInteger("revision"), doc.getString("title"),
                doc.getString("text"), doc.getString("url"), doc.getString("author"), doc.getString("publishedAt"),
                doc.getString("section"), doc.getString("source"), doc.getList("tags", String.class, List.of()),
                doc.getString("language"), doc.get("languageConfidence", Number.class).doubleValue(), keywords,
                doc.getList("entities", Document.class, List.of()).stream().map(n -> new Entity(n.getString("name"),
                        n.getString("type"), n.getInteger("count", 0), n.getString("country"),
                        n.getList("aliases", String.class, List.of()))).toList(),
                doc.getList("categories", Document.class, List.of()).stream().map(c -> new Category(c.getString("code"),
                        c.getString("label"), c.get("score", Number.class).doubleValue(),
                        c.getList("evidence", String.class, List.of()))).toList(),
                doc.getString("summary"), doc.getInteger("readingTimeMinutes"), doc.getInteger("wordCount"),
                doc.getString("enrichmentVersion"), instant(doc, "enrichedAt"), instant(doc, "storedAt"));
    }

    private static String instant(Document doc, String field) {
        Date date = doc.getDate(field);
        return date == null ? null : date.toInstant().toString();
    }
}
