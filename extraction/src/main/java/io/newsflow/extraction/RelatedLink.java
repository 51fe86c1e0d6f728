package io.newsflow.extraction;

import java.util.Objects;

/**
 * Another article a page points its readers to, from a related-articles block or an inline "Read more" link.
 *
 * @param url    absolute; null when the page gave none, or a relative one and no address to resolve it against
 * @param teaser null when the page showed only the headline
 */
public record RelatedLink(String title, String url, String teaser) {

    public RelatedLink {
        Objects.requireNonNull(title, "title");
    }
}
