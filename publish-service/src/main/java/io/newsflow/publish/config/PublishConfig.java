package io.newsflow.publish.config;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of publish-service, under {@code newsflow.publish}. */
@ConfigMapping(prefix = "newsflow.publish")
public interface PublishConfig {

    /** MongoDB database holding the {@code articles} collection. */
    @WithDefault("newsflow")
    String database();

    /** Largest page {@code GET /articles} returns, whatever {@code limit} asks. */
    @WithDefault("100")
    int maxPageSize();

    /** Articles the live stream keeps for clients that reconnect with {@code Last-Event-ID}. */
    @WithDefault("1000")
    int streamReplay();

    /**
     * How long the live stream waits for the revisions of a poll to be stored (by this instance or another) before it
     * passes over those still missing; the articles are still served by the API once stored. Below the live
     * reader's {@code max.poll.interval.ms} (5 minutes), so that a long wait never costs it its partitions.
     */
    @WithDefault("4m")
    Duration streamStoreWait();

    /** Articles stored longer ago than this are removed by a scheduled job. */
    @WithDefault("P90D")
    Duration retention();

    /**
     * The filters whose pages walk an index of their own, the filtered value and then the feed's order, whatever share
     * of the stored articles has that value: {@code language}, {@code source}, {@code category}, {@code tag},
     * {@code keyword}, {@code entity}. A filter left out walks the feed's order instead, matching each article, which
     * costs a value few articles have a read of much of the store. An article has twenty keywords and ten or more
     * entity names: on MongoDB their entries are the ones a field's own index would hold anyway; on the embedded
     * MongoDB-wire server, which rewrites every index page a commit touches, they cost several times the writes of the
     * article itself, so {@code ./newsflow up} indexes the first three only. Leaving a filter out later drops
     * nothing: an index created before stays until an operator drops it.
     */
    @WithDefault("language,source,category,tag,keyword,entity")
    Set<String> indexedFilters();

    /** Articles in a feed (RSS, Atom, JSON Feed). */
    @WithDefault("50")
    int feedSize();

    /** The address readers reach this service at, for the self links of feeds; the request's own when absent. */
    Optional<String> publicUrl();

    /**
     * The operator key ({@code NEWSFLOW_API_KEY}), needed to manage webhooks; without it they are closed. The same
     * key is ingest-service's operator key.
     */
    Optional<String> operatorKey();

    /** Outbound webhooks. */
    Webhooks webhooks();

    interface Webhooks {

        /** Attempts at one delivery before it is marked failed. */
        @WithDefault("10")
        int maxAttempts();

        /** How long a receiver may take to answer. */
        @WithDefault("PT10S")
        Duration timeout();

        /**
         * Deliveries an instance claims together and attempts at once in each round. Their claim is one write and
         * their outcomes another, whatever their number; a round lasts as long as its slowest receiver.
         */
        @WithDefault("16")
        int concurrency();

        /**
         * Lets webhooks point at loopback and private addresses. Off by default, so that registering a webhook
         * cannot make this service call into the network it runs in; on for local testing only.
         */
        @WithDefault("false")
        boolean allowPrivateNetworks();
    }

    /** Longest pause between two attempts to store an article while MongoDB is unreachable. */
    @WithDefault("PT5S")
    Duration maxStoreBackoff();
}
