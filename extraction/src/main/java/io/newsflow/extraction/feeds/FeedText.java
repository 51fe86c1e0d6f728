package io.newsflow.extraction.feeds;

import java.net.URI;
import java.net.URISyntaxException;

import org.jsoup.Jsoup;

/** Small conversions shared by the fetcher and the feed formats. */
final class FeedText {

    private FeedText() {
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** The text a reader would see, for titles given as HTML and for measuring bodies. */
    static String text(String html) {
        return Jsoup.parseBodyFragment(html).text();
    }

    /**
     * The absolute URL a feed means, resolved against where the feed came from; null when there is none or it is
     * not a URL at all, since one bad link must not cost the whole feed.
     */
    static URI url(String value, URI base) {
        String trimmed = blankToNull(value);
        if (trimmed == null) {
            return null;
        }
        try {
            URI uri = new URI(trimmed.replace(" ", "%20"));
            if (uri.isAbsolute()) {
                return uri;
            }
            return base == null ? null : resolve(base, uri);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    static URI resolve(URI base, URI reference) {
        // java.net.URI resolves "b" against "http://a" to "http://ab"; a root path avoids that.
        URI from = base.getRawPath() == null || base.getRawPath().isEmpty()
                ? URI.create(base.getScheme() + "://" + base.getRawAuthority() + "/")
                : base;
        return from.resolve(reference);
    }
}
