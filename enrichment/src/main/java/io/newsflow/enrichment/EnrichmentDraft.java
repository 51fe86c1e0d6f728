package io.newsflow.enrichment;

import java.util.List;

import io.newsflow.contract.Category;
import io.newsflow.contract.Entity;
import io.newsflow.contract.Keyword;

/** The article being enriched and the fields found so far; each {@link Enricher} reads it and fills its part. */
public final class EnrichmentDraft {

    final String title;
    final String text;
    final String declaredLanguage;
    final List<String> tags;
    String language;
    double languageConfidence;
    List<Keyword> keywords = List.of();
    List<Entity> entities = List.of();
    List<Category> categories = List.of();
    String summary;
    Integer readingTimeMinutes;
    Integer wordCount;
    private TextTokenizer.Tokens tokens;

    EnrichmentDraft(String title, String text, String declaredLanguage, List<String> tags) {
        this.tags = tags == null ? List.of() : tags;
        this.title = title == null ? "" : title;
        this.text = text == null ? "" : text;
        this.declaredLanguage = declaredLanguage;
        // Until (unless) detection runs, the publisher's word is all there is.
        this.language = declaredLanguage;
    }

    /** The article's tokens in {@code profile}'s language, tokenised once for every enricher that reads them. */
    TextTokenizer.Tokens tokens(LanguageProfile profile) {
        if (tokens == null || !tokens.language.equals(profile.code)) {
            tokens = TextTokenizer.tokenize(title, text, profile);
        }
        return tokens;
    }
}
