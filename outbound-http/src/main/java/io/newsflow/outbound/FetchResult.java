package io.newsflow.outbound;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The response to a fetch, after redirects and decompression. Any status is a result, not an exception: callers
 * decide what a 404 or a 429 means for them.
 *
 * @param finalUrl     where the last redirect led
 * @param body         decompressed; empty for a 304
 * @param contentType  the media type without parameters, lower case; null when the server sent none
 * @param contentTypeHeader the whole {@code Content-Type} header as sent, charset included; null when none. The
 *                    charset is left to the reader of the body, which alone can see a byte order mark or the
 *                    markup's own declaration.
 * @param etag         the new validators, or the previous ones when a 304 repeated none; null when unknown
 * @param notModified  true for a 304 to a conditional request
 * @param retryAfter   how long a 429 or 503 asked us to wait; null when it did not say
 * @param linkHeaders  the raw {@code Link} header values, for {@link LinkHeaders}
 */
public record FetchResult(int status, URI finalUrl, byte[] body, String contentType, String contentTypeHeader,
        String etag, String lastModified, boolean notModified, Duration retryAfter, List<String> linkHeaders) {

    public FetchResult {
        Objects.requireNonNull(finalUrl, "finalUrl");
        Objects.requireNonNull(body, "body");
        linkHeaders = List.copyOf(linkHeaders);
    }

    /** A 2xx answer with a body; anything else is the publisher's problem or a reason to back off. */
    public boolean isSuccess() {
        return status / 100 == 2;
    }

    /** The validators to send on the next fetch of the same URL. */
    public Validators validators() {
        return new Validators(etag, lastModified);
    }
}
