package io.newsflow.contract;

/**
 * Kafka topic names. SmallRye channels carry the same names, so a channel annotation, the topic on the broker and
 * the tests all refer to these constants.
 */
public final class Topics {

    /** {@link ArticleIngested} events, keyed by article id. Produced by ingest-service. */
    public static final String ARTICLES_INGESTED = "articles-ingested";

    /** {@link ArticleEnriched} events, keyed by article id. Produced by enrich-service; the public stream. */
    public static final String ARTICLES_ENRICHED = "articles-enriched";

    /** Records of {@value #ARTICLES_INGESTED} that enrich-service could not process, with the reason in headers. */
    public static final String ENRICH_DEAD_LETTER = "articles-ingested.enrich-service.dlq";

    /** Records of {@value #ARTICLES_ENRICHED} that publish-service could not store, with the reason in headers. */
    public static final String PUBLISH_DEAD_LETTER = "articles-enriched.publish-service.dlq";

    /**
     * Channel of the routed copies of {@link #ARTICLES_ENRICHED}: each record goes to the topic of its route,
     * {@link #route(String)}.
     */
    public static final String ENRICHED_ROUTES = "articles-enriched-routes";

    /** The topic of a named route, {@code articles-enriched-<name>}: the enriched articles that match the route. */
    public static String route(String name) {
        return ARTICLES_ENRICHED + "-" + name;
    }

    private Topics() {
    }
}
