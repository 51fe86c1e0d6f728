package io.newsflow.ingest.config;

import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of ingest-service, under {@code newsflow.ingest}. */
@ConfigMapping(prefix = "newsflow.ingest")
public interface IngestConfig {

    /**
     * Time zone for a publication time printed without an offset, per ISO 639-1 language of the article, used when
     * neither the request nor the source says which zone the publisher is in. Defaults are set in
     * application.properties for the news languages we support.
     */
    Map<String, ZoneId> languageTimeZones();

    /** Last resort when no zone can be told from the request, the source or the language. */
    @WithDefault("UTC")
    ZoneId defaultTimeZone();

    /**
     * How long a request waits for Kafka to acknowledge its event before failing with 503. Longer than the producer's
     * own delivery timeout, so that a 503 comes only once the producer has given up.
     */
    @WithDefault("PT15S")
    Duration publishTimeout();

    /**
     * Largest request body accepted, in bytes; larger pushes get 413. An NDJSON batch counts as one body. (The HTTP
     * layer's own hard limit, {@code quarkus.http.limits.max-body-size}, sits above this.)
     */
    @WithDefault("10485760")
    long maxBodyBytes();

    /**
     * Largest {@code articles-ingested} event, in bytes of JSON; an article whose event would be larger gets 413.
     * Kafka's default record limit is 1 MiB ({@code max.request.size}, {@code message.max.bytes}); the rest is room
     * for what enrich-service adds (at most 20 keywords, 100 entities, 3 categories, 3 sentences of at most 1,000
     * characters), so that the enriched event fits too. Raise it only with those Kafka limits.
     */
    @WithDefault("900000")
    long maxEventBytes();

    /**
     * Most feeds one publisher's key may add; more get 403 (an OPML import stops creating at the quota). Every feed
     * costs a poll at each interval, so a key must not be able to add millions. The operator key has no quota.
     */
    @WithDefault("1000")
    int maxSourcesPerPublisher();

    /** Most articles in one NDJSON batch. */
    @WithDefault("1000")
    int maxBatchSize();

    /** How concurrent single pushes (JSON, text, HTML, feed entries) are decided together (docs/adr/0013). */
    PushGroups pushGroups();

    interface PushGroups {

        /** Most single pushes decided as one group; 1 decides every push on its own. */
        @WithDefault("64")
        int maxSize();

        /**
         * Groups decided at the same time. While one group waits for Kafka's acknowledgements the next is already
         * read and reserved; more runners mean smaller groups, fewer mean longer waits behind a group.
         */
        @WithDefault("2")
        int runners();

        /**
         * Longest a single push waits for a group to take it; after that it is answered 503 with
         * {@code Retry-After}, undecided. Sheds load the service cannot carry; a push whose group started always
         * waits for its outcome.
         */
        @WithDefault("PT10S")
        Duration maxQueueWait();
    }

    /** MongoDB database that holds what ingest-service remembers of each article (id, revision, content hash). */
    @WithDefault("newsflow")
    String database();

    /** Recognising the same story syndicated under another URL. */
    NearDuplicates nearDuplicates();

    interface NearDuplicates {

        @WithDefault("true")
        boolean enabled();

        /**
         * Largest SimHash distance (bits out of 64) between two texts taken as the same story; see NearDuplicatesTest
         * and docs/adr/0004 for the precision and recall it gives. At most 7, since candidates are found by one of eight
         * 8-bit bands matching exactly.
         */
        @WithDefault("7")
        int maxDistance();

        /** Shorter texts (briefs, one-liners) are never called duplicates: too little text to tell. */
        @WithDefault("50")
        int minWords();

        /**
         * How far back a copy's original is looked for. Syndicated copies follow their original within hours or days.
         */
        @WithDefault("P7D")
        Duration window();

        /**
         * Articles kept per band bucket, newest first: the most a lookup reads per band, whatever the store holds.
         * Each band has 256 values, so the newest {@code 256 × bucketSize} emitted articles (16,384 by default) stay
         * candidates, within the window; raise it for a longer look-back at a high rate, at the cost of reading and
         * rewriting longer buckets on every article.
         */
        @WithDefault("64")
        int bucketSize();

        /**
         * Whether bucket entries are written as 24 bytes of binary (true) or as the text of versions before it, which
         * every version reads. Instances of an earlier version fail on binary entries: set it to false for a rolling
         * upgrade while any still run (or before rolling back to one), and to true once all read binary.
         */
        @WithDefault("true")
        boolean compactEntries();
    }

    /** How pushed pages and texts are read. */
    Extraction extraction();

    interface Extraction {

        /**
         * Whether pushed HTML pages and texts go through the extractors. Off is the pass-through configuration of
         * the pipeline benchmark (benchmarks/pipeline), not a mode for production: a page is then taken as its
         * {@code <title>} and its whole visible text, a text as its first line and the rest.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /** How feeds are polled. */
    Poll poll();

    /** WebSub subscriptions to the hubs of feeds that declare one. */
    WebSub websub();

    interface Poll {

        /** Whether sources are polled at all (off for an instance that only takes pushes). */
        @WithDefault("true")
        boolean enabled();

        /** Interval of a source that names none. */
        @WithDefault("PT15M")
        Duration defaultInterval();

        /** Shortest interval a source may ask for, to stay polite to publishers. */
        @WithDefault("PT1M")
        Duration minInterval();

        /** Longest wait after repeated failures; backoff doubles up to it. */
        @WithDefault("PT6H")
        Duration maxBackoff();

        /** Sources polled at the same time. */
        @WithDefault("4")
        int concurrency();
    }

    interface WebSub {

        /**
         * The address at which hubs reach this service, e.g. {@code https://ingest.example.com}; callbacks are
         * {@code <base>/websub/<source id>}. Without it, no subscription is made and feeds are polled.
         */
        Optional<String> callbackBaseUrl();

        /** Lease asked of hubs. */
        @WithDefault("P10D")
        Duration lease();

        /** How long before a lease ends it is renewed. */
        @WithDefault("PT12H")
        Duration renewBefore();

        /** Polling interval while a subscription is active: a safety net in case the hub misses an update. */
        @WithDefault("PT6H")
        Duration pollWhileSubscribed();
    }

    /** Who may push, with which key. */
    Auth auth();

    /** API keys of publishers, sent as {@code Authorization: Bearer <key>}. */
    interface Auth {

        /** Off only for trusted networks: then anyone may push for any source. */
        @WithDefault("true")
        boolean enabled();

        /**
         * The operator key ({@code NEWSFLOW_API_KEY}): it may write every source, for an operator or a local run,
         * and is publish-service's operator key too. It is hashed when the service starts; only the hash is kept.
         */
        Optional<String> operatorKey();

        /** Publishers by name. Their keys are configured as SHA-256 hashes only, never in clear. */
        Map<String, Publisher> publishers();
    }

    interface Publisher {

        /** Lower-case hex SHA-256 of the publisher's key: {@code printf %s "$KEY" | sha256sum}. */
        String keySha256();

        /** Sources this publisher may write; defaults to the publisher's own name. {@code *} allows all. */
        Optional<List<String>> sources();

        /**
         * Hosts whose articles belong to this publisher (docs/adr/0009), e.g. {@code example.com}, which covers its
         * subdomains. Once any publisher names a host, only the publishers naming it (and the operator) may push
         * articles whose URL is on that host, new ones included. Without it, an article belongs to whoever first
         * pushed it.
         */
        Optional<List<String>> hosts();
    }
}
