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
 * @param related     other articles the page pointed its readers to, in page order, never null (added within
 *                    schema version 1: older events lack it)
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
        List<String> tags,
        List<Related> related) {

    public Article {
        tags = tags == null ? List.of() : List.copyOf(tags);
        related = related == null ? List.of() : List.copyOf(related);
    }

    /** An article without related links. */
    public Article(String title, String text, String url, String author, OffsetDateTime publishedAt, String section,
            String source, String language, List<String> tags) {
        this(title, text, url, author, publishedAt, section, source, language, tags, List.of());
    }

    /**
     * A related article.
     *
     * @param title its headline
     * @param url   its address, or null when the page showed only the headline
     */
    public record Related(String title, String url) {
    }
}
