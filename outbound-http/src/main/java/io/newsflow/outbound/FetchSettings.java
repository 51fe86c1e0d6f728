package io.newsflow.outbound;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link PoliteFetcher} fetches.
 *
 * @param userAgent            sent on every request, so publishers can tell who we are and how to reach us
 * @param connectTimeout       for the TCP and TLS handshakes
 * @param requestTimeout       for a whole fetch: waiting for a per-host slot, every redirect hop and the body
 * @param maxBytes             largest body accepted, counted both as received and after decompression
 * @param maxRedirects         redirects followed before giving up
 * @param perHostConcurrency   requests in flight to one host at a time
 * @param allowPrivateNetworks {@code newsflow.fetch.allow-private-networks}: lets fetches reach loopback and private
 *                             addresses, for tests and labs only
 */
public record FetchSettings(String userAgent, Duration connectTimeout, Duration requestTimeout, long maxBytes,
        int maxRedirects, int perHostConcurrency, boolean allowPrivateNetworks) {

    public FetchSettings {
        Objects.requireNonNull(userAgent, "userAgent");
        if (userAgent.isBlank()) {
            throw new IllegalArgumentException("userAgent must name the crawler");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        if (maxBytes <= 0 || maxRedirects < 0 || perHostConcurrency <= 0) {
            throw new IllegalArgumentException("maxBytes and perHostConcurrency must be positive and maxRedirects"
                    + " not negative: " + maxBytes + ", " + perHostConcurrency + ", " + maxRedirects);
        }
    }

    /** Feeds rarely pass a few megabytes, and news sites seldom redirect more than twice. */
    public static FetchSettings defaults() {
        return new FetchSettings("Newsflow/1.0 (+https://github.com/newsflow)", Duration.ofSeconds(10),
                Duration.ofSeconds(30), 10L * 1024 * 1024, 5, 2, false);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }
}
