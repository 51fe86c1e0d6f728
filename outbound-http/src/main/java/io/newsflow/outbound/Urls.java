package io.newsflow.outbound;

import java.net.URI;
import java.net.URISyntaxException;

/** URL resolution as browsers do it, for redirects and {@code Link} header targets. */
final class Urls {

    private Urls() {
    }

    /** The absolute URL {@code reference} means against {@code base}; null when it is not a URL at all. */
    static URI resolve(URI base, String reference) {
        try {
            URI uri = new URI(reference.trim().replace(" ", "%20"));
            if (uri.isAbsolute() || base == null) {
                return uri.isAbsolute() ? uri : null;
            }
            // java.net.URI resolves "b" against "http://a" to "http://ab"; a root path avoids that.
            boolean noPath = base.getRawPath() == null || base.getRawPath().isEmpty();
            return (noPath ? URI.create(base.getScheme() + "://" + base.getRawAuthority() + "/") : base).resolve(uri);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
