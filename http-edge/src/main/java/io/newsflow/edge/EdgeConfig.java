package io.newsflow.edge;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of every service's HTTP edge, under {@code newsflow.http}. */
@ConfigMapping(prefix = "newsflow.http")
public interface EdgeConfig {

    /**
     * Whether {@code /q/metrics} answers anyone. On for a local run; the compose deployment turns it off
     * ({@code NEWSFLOW_HTTP_PUBLIC_METRICS=false}), and then only a request with the operator key
     * ({@code Authorization: Bearer <NEWSFLOW_API_KEY>}) reads it: the Prometheus of the compose profile
     * {@code observability} does.
     */
    @WithDefault("true")
    boolean publicMetrics();

    /** Whether {@code /q/openapi} and {@code /q/swagger-ui} answer anyone; off in the compose deployment. */
    @WithDefault("true")
    boolean publicApiDocs();

    /**
     * Longest request target (path and query) answered; longer gets 414 problem+json. Room for a cursor and every
     * filter of publish-service's feeds; each service sets the HTTP codec's own limit,
     * {@code quarkus.http.limits.max-initial-line-length}, above it.
     */
    @WithDefault("16384")
    int maxUriLength();

    /**
     * The topics whose contract this service serves, as it produces them: {@code /schemas/<topic>.json}, the schema
     * files they refer to, and {@code /asyncapi.yaml} ({@link ServedContract}). None by default.
     */
    Optional<List<String>> contractTopics();
}
