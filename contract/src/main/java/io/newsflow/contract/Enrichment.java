package io.newsflow.contract;

import java.util.List;

/**
 * What enrich-service adds to an article.
 *
 * @param language           ISO 639-1 code detected from the text (or declared, when the text is too short)
 * @param languageConfidence confidence of that detection in [0, 1]; 0 when it fell back to the declared language
 * @param keywords           best keyphrases first
 * @param enrichmentVersion  which enrich-service logic produced these fields, so consumers can tell them apart
 */
public record Enrichment(
        String language,
        double languageConfidence,
        List<Keyword> keywords,
        String enrichmentVersion) {

    public Enrichment {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }
}
