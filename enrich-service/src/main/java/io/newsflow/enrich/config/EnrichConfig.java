package io.newsflow.enrich.config;

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

    /** How many keyphrases an article carries at most. */
    @WithDefault("10")
    int maxKeywords();
}
