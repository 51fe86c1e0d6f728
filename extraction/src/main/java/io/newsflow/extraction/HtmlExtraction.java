package io.newsflow.extraction;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What was read off an HTML page. The strings other than {@code text} and {@code html}, and the dates, are null when
 * the page did not tell.
 *
 * @param publishedAtZoneInferred true when the page gave a local time without an offset and the caller's zone was
 *                                assumed
 * @param canonicalUrl            absolute, from {@code <link rel=canonical>} or {@code og:url}
 * @param language                ISO 639-1, lower case, as the page declares it (not detected from the text)
 * @param text                    the body as plain text, paragraphs separated by a blank line; empty when the page
 *                                has no article body
 * @param html                    the same body as sanitised HTML: no scripts, styles or event handlers, links absolute
 * @param tags                    the page's topic labels in page order: its tag links or tag line, else its
 *                                {@code article:tag} meta tags, else its JSON-LD keywords
 * @param related                 the related articles the page links to, in page order
 * @param sources                 for each field filled, where it came from: "json-ld", "open-graph", "meta",
 *                                "time-element", "markup" or "text"
 */
public record HtmlExtraction(String title, String author, OffsetDateTime publishedAt,
        boolean publishedAtZoneInferred, OffsetDateTime modifiedAt, String section, String siteName,
        String canonicalUrl, String language, String text, String html, List<String> tags,
        List<RelatedLink> related, String imageUrl, Map<String, String> sources) {

    public HtmlExtraction {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(html, "html");
        tags = tags == null ? List.of() : List.copyOf(tags);
        related = related == null ? List.of() : List.copyOf(related);
        // Kept in the order the fields were read, easier to follow than a hash order.
        sources = sources == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    }
}
