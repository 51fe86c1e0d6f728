package io.newsflow.contract;

import java.util.List;

/**
 * What enrich-service adds to an article. A field whose enricher failed or is switched off is empty (or null) and
 * named in {@code degraded}, so consumers can tell "none found" from "not computed".
 *
 * @param language           ISO 639-1 code detected from the text (or declared, when the text is too short)
 * @param languageConfidence confidence of that detection in [0, 1]; 0 when it fell back to the declared language
 * @param keywords           best keyphrases first
 * @param entities           people, organisations and places, most mentioned first (since schema version 2)
 * @param categories         IPTC Media Topics, best first (since schema version 2)
 * @param summary            2 to 3 whole sentences of the article, in its language (since schema version 2)
 * @param readingTimeMinutes at a reading speed for the article's language (since schema version 2)
 * @param wordCount          words of title and body (since schema version 2)
 * @param enrichmentVersion  which enrich-service logic produced these fields, so consumers can tell them apart
 * @param degraded           names of the enrichers that failed or were off for this article (since version 2)
 */
public record Enrichment(
        String language,
        double languageConfidence,
        List<Keyword> keywords,
        List<Entity> entities,
        List<Category> categories,
        String summary,
        Integer readingTimeMinutes,
        Integer wordCount,
        String enrichmentVersion,
        List<String> degraded) {

    public Enrichment {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        entities = entities == null ? List.of() : List.copyOf(entities);
        categories = categories == null ? List.of() : List.copyOf(categories);
        degraded = degraded == null ? List.of() : List.copyOf(degraded);
    }

    /** The fields of schema version 1 only, for producers and tests that do not compute the rest. */
    public static Enrichment of(String language, double languageConfidence, List<Keyword> keywords,
            String enrichmentVersion) {
        return new Enrichment(language, languageConfidence, keywords, List.of(), List.of(), null, null, null,
                enrichmentVersion, List.of());
    }
}
