package io.newsflow.ingest.extraction;

import java.util.Objects;

/**
 * Another article a page points its readers to, from a related-articles block or an inline "Read more" link.
 *
 * @param url    absolute when the page or its address allowed resolving it; null when the link had no address
 * @param teaser null when the page showed only the headline
 */
public record RelatedLink(String title, String url, String teaser) {

    public RelatedLink {
        Objects.requireNonNull(title, "title");
    }
}
