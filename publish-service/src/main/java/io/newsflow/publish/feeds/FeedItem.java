package io.newsflow.publish.feeds;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One article as the feeds show it, whatever the store holds beside it.
 *
 * @param id          the article id; the feeds' item identity
 * @param revision    the stored revision; with {@code updatedAt} it decides the {@link FeedWriter#etag ETag}
 * @param url         the article on its source's site; dropped unless it is http or https
 * @param author      may be null
 * @param publishedAt the publication time with the source's own offset; may be null
 * @param updatedAt   when this revision was enriched or stored: Atom's {@code updated}, JSON Feed's
 *                    {@code date_modified}
 * @param summary     plain text; may be null
 * @param contentHtml the body as HTML, e.g. the stored sanitised HTML or {@link HtmlSanitizer#paragraphs} of the
 *                    text; it is sanitised again on the way out, so it may come from anywhere; may be null
 * @param categories  labels, in order
 * @param language    an RFC 5646 tag such as {@code fr}; may be null
 * @param source      the publication, e.g. {@code bladi.net}; the Atom author when there is none; may be null
 * @param firstPublishedAt when Newsflow first published the article: every format's publication time when
 *                    {@code publishedAt} is null (a reader shows an item without one as undated); {@code updatedAt}
 *                    when null
 */
public record FeedItem(String id, int revision, String title, String url, String author, OffsetDateTime publishedAt,
        Instant updatedAt, String summary, String contentHtml, List<String> categories, String language,
        String source, Instant firstPublishedAt) {

    public FeedItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(updatedAt, "updatedAt");
        categories = categories == null ? List.of() : List.copyOf(categories);
        firstPublishedAt = firstPublishedAt == null ? updatedAt : firstPublishedAt;
    }

    /** An item whose first publication by Newsflow is not known apart from this revision's. */
    public FeedItem(String id, int revision, String title, String url, String author, OffsetDateTime publishedAt,
            Instant updatedAt, String summary, String contentHtml, List<String> categories, String language,
            String source) {
        this(id, revision, title, url, author, publishedAt, updatedAt, summary, contentHtml, categories, language,
                source, null);
    }

    /** The publication time every format shows: the article's own, else when Newsflow first published it. */
    public Instant published() {
        return publishedAt != null ? publishedAt.toInstant() : firstPublishedAt;
    }
}
