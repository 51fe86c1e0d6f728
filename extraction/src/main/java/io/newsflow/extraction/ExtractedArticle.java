package io.newsflow.extraction;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * What was read off a pushed article.
 *
 * @param text                    the body paragraphs separated by a blank line
 * @param author                  null when no byline named one
 * @param publishedAt             null when no byline gave a date
 * @param publishedAtZoneInferred true when the page printed no offset and the caller's zone was assumed
 * @param section                 null when the byline named none
 * @param siteName                null when no follow or share line named the site
 * @param tags                    the page's own topic links, in page order
 * @param related                 titles of the related articles the page links to, in page order
 */
public record ExtractedArticle(String title, String text, String author, OffsetDateTime publishedAt,
        boolean publishedAtZoneInferred, String section, String siteName, List<String> tags, List<String> related) {

    public ExtractedArticle {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(text, "text");
        tags = tags == null ? List.of() : List.copyOf(tags);
        related = related == null ? List.of() : List.copyOf(related);
    }
}
