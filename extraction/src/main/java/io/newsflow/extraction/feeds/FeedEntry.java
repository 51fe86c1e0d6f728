package io.newsflow.extraction.feeds;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One entry of a feed. Every field but {@code categories} and {@code teaserOnly} is null when the feed does not
 * tell. The HTML fields are as the feed gave them, not sanitised; plain text from the feed is escaped into HTML.
 *
 * @param id          the guid or id, as written; the link when the feed gives no id
 * @param url         absolute
 * @param publishedAt with the offset the feed printed; UTC when it printed none
 * @param summaryHtml the RSS description, Atom summary or JSON Feed summary
 * @param contentHtml the full content ({@code content:encoded}, Atom content, JSON Feed content_html or text)
 * @param teaserOnly  true when neither the content nor the summary carries 500
 *                    characters of text, so the article page must be fetched for the article itself
 */
public record FeedEntry(String id, URI url, String title, String author, OffsetDateTime publishedAt,
        OffsetDateTime updatedAt, String summaryHtml, String contentHtml, List<String> categories,
        boolean teaserOnly) {

    public FeedEntry {
        categories = List.copyOf(categories);
    }
}
