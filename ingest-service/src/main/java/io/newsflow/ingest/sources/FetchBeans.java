package io.newsflow.ingest.sources;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import io.newsflow.ingest.config.FetchConfig;
import io.newsflow.ingest.store.HostRefusalStore;
import io.newsflow.outbound.FetchSettings;
import io.newsflow.outbound.PoliteFetcher;
import io.newsflow.outbound.SsrfGuard;

/**
 * One fetcher for the whole service, so that its per-host connection limit sees every request of this instance; its
 * backoff from hosts that refused is kept in MongoDB, shared with every other instance.
 */
class FetchBeans {

    @Produces
    @ApplicationScoped
    PoliteFetcher fetcher(FetchConfig config, HostRefusalStore refusals) {
        return new PoliteFetcher(new FetchSettings(config.userAgent(), config.connectTimeout(), config.requestTimeout(),
                config.maxBytes(), config.maxRedirects(), config.perHostConcurrency(), config.allowPrivateNetworks()),
                refusals);
    }

    @Produces
    @ApplicationScoped
    SsrfGuard guard(FetchConfig config) {
        return new SsrfGuard(config.allowPrivateNetworks());
    }
}
