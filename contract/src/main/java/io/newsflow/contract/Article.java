package io.newsflow.contract;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An article as ingested: what the publisher said, cleaned up. {@code publishedAt} keeps the offset the article was
 * published in, because readers care about local time at the source as much as about the instant.
 *
 * @param title       headline, never blank
 * @param text        body as plain text, paragraphs separated by a blank line, never blank
 * @param url         canonical URL, or null when the publisher pushed text without one
 * @param author      byline as printed, or null
 * @param publishedAt publication time with its offset, or null when unknown
 * @param section     the publisher's section or rubric, or null
 * @param source      who sent it (a publisher name or a feed's host), or null
 * @param language    ISO 639-1 code the publisher declared, or null; enrich-service detects the real one
 * @param tags        the publisher's own tags, never null
 */
public record Article(
        String title,
        String text,
        String url,
        String author,
        OffsetDateTime publishedAt,
        String section,
        String source,
        String language,
        List<String> tags) {

    public Article {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
