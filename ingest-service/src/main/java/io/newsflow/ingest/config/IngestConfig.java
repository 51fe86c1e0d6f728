package io.newsflow.ingest.config;

import java.time.Duration;
import java.time.ZoneId;
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

    /** How long a request waits for Kafka to acknowledge its event before failing with 503. */
    @WithDefault("PT10S")
    Duration publishTimeout();

    /** MongoDB database that holds what ingest-service remembers of each article (id, revision, content hash). */
    @WithDefault("newsflow")
    String database();

    /** Source name recorded when a publisher pushes without naming one. */
    Optional<String> defaultSource();
}
