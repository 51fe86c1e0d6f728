package io.newsflow.ingest.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How ingest-service fetches feeds and pages, under {@code newsflow.fetch}. */
@ConfigMapping(prefix = "newsflow.fetch")
public interface FetchConfig {

    /**
     * Lets fetches reach loopback, private, link-local and metadata addresses. Off by default so that a source URL
     * cannot be used to reach the inside of the network Newsflow runs in (SSRF); turn on only for local testing.
     */
    @WithDefault("false")
    boolean allowPrivateNetworks();

    /** Sent with every request, so that publishers can tell who fetches and how to reach us. */
    @WithDefault("Newsflow/1.0 (+https://github.com/newsflow/newsflow)")
    String userAgent();

    @WithDefault("PT10S")
    Duration connectTimeout();

    /** For a whole fetch, redirects and body included. */
    @WithDefault("PT30S")
    Duration requestTimeout();

    /** Largest feed or page body, before and after decompression. */
    @WithDefault("10485760")
    long maxBytes();

    @WithDefault("5")
    int maxRedirects();

    /** Requests in flight to one host at a time. */
    @WithDefault("2")
    int perHostConcurrency();
}
