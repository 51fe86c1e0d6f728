package io.newsflow.publish.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import io.newsflow.contract.Article.Related;
import io.newsflow.contract.Category;
import io.newsflow.contract.Entity;
import io.newsflow.contract.Keyword;

/**
 * An article as publish-service serves it: the article's own fields and its enrichment side by side, with the field
 * names of the event contract.
 *
 * @param storedAt      when this revision was stored
 * @param firstStoredAt when Newsflow first published the article (its first revision stored): the feeds' publication
 *                      time for an article that states none
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
        List<Related> related,
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
        String storedAt,
        String firstStoredAt) {

    /**
     * Where the article sits in the feed: its publication time, or when it was first stored when it has none; the
     * value of the stored {@code sortAt}, which the cursors and the stream's since/until compare with.
     */
    public Instant sortAt() {
        return publishedAt != null ? OffsetDateTime.parse(publishedAt).toInstant() : Instant.parse(firstStoredAt);
    }
}
