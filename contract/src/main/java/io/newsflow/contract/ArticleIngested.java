package io.newsflow.contract;

import java.time.Instant;
import java.util.UUID;

/**
 * Fact: ingest-service accepted a new article or a new revision of one. Value of {@link Topics#ARTICLES_INGESTED}.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when written by this version of the contract
 * @param eventId       unique per event; consumers de-duplicate on it
 * @param articleId     stable id of the article, also the record key
 * @param revision      starts at 1, raised each time the article's content changes
 * @param occurredAt    when ingest-service accepted it
 * @param article       the article itself
 */
public record ArticleIngested(
        int schemaVersion,
        UUID eventId,
        String articleId,
        int revision,
        Instant occurredAt,
        Article article) {

    public static final int SCHEMA_VERSION = 1;

    public static ArticleIngested of(String articleId, int revision, Article article, Instant now) {
        return new ArticleIngested(SCHEMA_VERSION, UUID.randomUUID(), articleId, revision, now, article);
    }
}
