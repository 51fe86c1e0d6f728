package io.newsflow.ingest.rest;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.newsflow.ingest.ArticleOwnership;
import io.newsflow.ingest.Hashes;
import io.newsflow.ingest.Publisher;
import io.newsflow.ingest.config.IngestConfig;

/** The configured API keys, held only as SHA-256 hashes. */
@ApplicationScoped
class ApiKeys {

    private final boolean enabled;
    private final Map<String, Publisher> byHash = new HashMap<>();

    ApiKeys(IngestConfig config) {
        this.enabled = config.auth().enabled();
        config.auth().operatorKey().ifPresent(key -> byHash.put(Hashes.sha256Hex(key), Publisher.operator()));
        config.auth().publishers().forEach((name, publisher) -> byHash.put(
                publisher.keySha256().strip().toLowerCase(Locale.ROOT),
                new Publisher(name, Set.copyOf(publisher.sources().orElse(List.of(name))),
                        ArticleOwnership.hostsOf(publisher))));
    }

    boolean enabled() {
        return enabled;
    }

    /**
     * The publisher holding {@code key}. Keys are compared by their hashes: a timing difference in the lookup tells
     * an attacker about hashes, which does not help guess a key.
     */
    Optional<Publisher> publisher(String key) {
        return Optional.ofNullable(byHash.get(Hashes.sha256Hex(key)));
    }
}
