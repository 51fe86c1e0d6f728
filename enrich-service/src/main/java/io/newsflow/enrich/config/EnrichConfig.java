package io.newsflow.enrich.config;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of enrich-service, under {@code newsflow.enrich}. */
@ConfigMapping(prefix = "newsflow.enrich")
public interface EnrichConfig {

    /**
     * ISO 639-1 codes the language detector chooses among. Fewer languages detect faster and more surely; the
     * default covers the news languages Newsflow supports.
     */
    @WithDefault("fr,en,ar,es,de,it,pt,nl")
    Set<String> languages();

    /**
     * The operator key ({@code NEWSFLOW_API_KEY}). When set, {@code POST /enrich} needs it as
     * {@code Authorization: Bearer <key>}: enrichment is the costly step of the pipeline, and nobody else should be
     * able to spend it. Without it (a local trial), {@code POST /enrich} is open.
     */
    Optional<String> operatorKey();

    /** How many keyphrases an article carries at most. */
    @WithDefault("10")
    int maxKeywords();

    /** Sentences in a summary, at most. */
    @WithDefault("3")
    int summarySentences();

    /**
     * Enrichers switched off, by name: language, keywords, entities, categories, summary, statistics. Their fields
     * stay empty and events name them as degraded.
     */
    Optional<Set<String>> disabled();

    /**
     * Named routes: an enriched article that matches every condition given is also produced to
     * {@code articles-enriched-<name>}, so that a consumer can follow "defence news in French" without filtering the
     * whole stream.
     */
    Map<String, Route> routes();

    interface Route {

        /** ISO 639-1 code. */
        Optional<String> language();

        /** IPTC Media Topic code ({@code medtop:11000000}) or label ({@code politics}). */
        Optional<String> category();

        /** Name or alias of an entity, case-insensitive. */
        Optional<String> entity();

        /** Keyword text or slug, case-insensitive. */
        Optional<String> keyword();

        /** Source, case-insensitive. */
        Optional<String> source();
    }
}
