package io.newsflow.contract;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Fact: enrich-service enriched one revision of an article. Value of {@link Topics#ARTICLES_ENRICHED}, the stream
 * outside consumers subscribe to.
 *
 * @param schemaVersion {@link #SCHEMA_VERSION} when written by this version of the contract
 * @param eventId       derived from {@code causationId}, so re-enriching the same ingested event yields the same id
 * @param articleId     stable id of the article, also the record key
 * @param revision      the article revision that was enriched
 * @param occurredAt    when enrichment finished
 * @param causationId   the {@link ArticleIngested#eventId()} this event answers
 * @param ingestedAt    when ingest-service accepted the article (since schema version 2)
 * @param article       the article as ingested
 * @param enrichment    what enrichment added
 */
public record ArticleEnriched(
        int schemaVersion,
        UUID eventId,
        String articleId,
        int revision,
        Instant occurredAt,
        UUID causationId,
        Instant ingestedAt,
        Article article,
        Enrichment enrichment) {

    public static final int SCHEMA_VERSION = 2;

    public static ArticleEnriched of(ArticleIngested cause, Enrichment enrichment, Instant now) {
        // A name-based id makes redelivered input produce an identical event, which downstream de-duplicates.
        UUID eventId = UUID.nameUUIDFromBytes(("enriched:" + cause.eventId()).getBytes(StandardCharsets.UTF_8));
        return new ArticleEnriched(SCHEMA_VERSION, eventId, cause.articleId(), cause.revision(), now,
                cause.eventId(), cause.occurredAt(), cause.article(), enrichment);
    }
}
