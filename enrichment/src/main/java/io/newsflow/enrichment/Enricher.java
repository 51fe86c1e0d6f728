package io.newsflow.enrichment;

/**
 * One enrichment step, run in {@link #order()}, switched off by listing its {@link #name()} in
 * {@link EnrichmentSettings#disabled()}; when it throws, only its fields are missing from the article, which is named
 * as degraded.
 */
public interface Enricher {

    /** As listed in an event's {@code degraded} and in {@link EnrichmentSettings#disabled()}. */
    String name();

    /** Lower runs first: later steps read what earlier ones found (the language above all). */
    int order();

    void enrich(EnrichmentDraft draft);
}
