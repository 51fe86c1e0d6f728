package io.newsflow.extraction.feeds;

import java.net.URI;
import java.util.Objects;

/**
 * One subscription of an OPML list.
 *
 * @param title    the outline's title, else its text; may be null
 * @param htmlUrl  the site; may be null
 * @param language as the list gives it; may be null
 */
public record OpmlOutline(String title, URI xmlUrl, URI htmlUrl, String language) {

    public OpmlOutline {
        Objects.requireNonNull(xmlUrl, "xmlUrl");
    }
}
