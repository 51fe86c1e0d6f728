package io.newsflow.publish.store;

import java.util.List;

import io.newsflow.contract.Category;
import io.newsflow.contract.Entity;
import io.newsflow.contract.Keyword;

/**
 * An article as publish-service serves it: the article's own fields and its enrichment side by side, with the field
 * names of the event contract.
 */
public record StoredArticle(
        String id,
        int revision,
        String title,
        String text,
        String url,
        String author,
        String publishedAt,
        String section,
        String source,
        List<String> tags,
        List<io.newsflow.contract.Article.Related> related,
        String language,
        double languageConfidence,
        List<Keyword> keywords,
        List<Entity> entities,
        List<Category> categories,
        String summary,
        Integer readingTimeMinutes,
        Integer wordCount,
        String enrichmentVersion,
        String ingestedAt,
        String enrichedAt,
        String storedAt) {

    /** Where the article sits in the feed: its publication time, or its arrival when it has none. */
    public java.time.Instant sortAt() {
        return publishedAt != null ? java.time.OffsetDateTime.parse(publishedAt).toInstant()
                : java.time.Instant.parse(storedAt);
    }
}
