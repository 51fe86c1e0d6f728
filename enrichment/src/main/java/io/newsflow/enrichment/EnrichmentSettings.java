package io.newsflow.enrichment;

import java.util.Set;

/**
 * How the standard enrichers run. A service maps its own configuration onto this record; a benchmark or a tool
 * starts from {@link #DEFAULTS}.
 *
 * @param languages        ISO 639-1 codes the language detector chooses among; fewer detect faster and more surely
 * @param maxKeywords      keyphrases an article carries at most, besides the publisher's own tags (20 in all)
 * @param summarySentences sentences in a summary, at most
 * @param disabled         enrichers switched off by name (language, keywords, entities, categories, summary,
 *                         statistics): their fields stay empty and the enrichment names them as degraded
 */
public record EnrichmentSettings(Set<String> languages, int maxKeywords, int summarySentences, Set<String> disabled) {

    public static final EnrichmentSettings DEFAULTS = new EnrichmentSettings(LanguageDetector.DEFAULT_LANGUAGES, 10, 3,
            Set.of());

    public EnrichmentSettings {
        if (languages == null || languages.isEmpty()) {
            throw new IllegalArgumentException("at least one language to detect");
        }
        if (maxKeywords < 0 || summarySentences < 1) {
            throw new IllegalArgumentException("maxKeywords >= 0 and summarySentences >= 1, not " + maxKeywords
                    + " and " + summarySentences);
        }
        languages = Set.copyOf(languages);
        disabled = disabled == null ? Set.of() : Set.copyOf(disabled);
    }

    public EnrichmentSettings withDisabled(Set<String> names) {
        return new EnrichmentSettings(languages, maxKeywords, summarySentences, names);
    }
}
