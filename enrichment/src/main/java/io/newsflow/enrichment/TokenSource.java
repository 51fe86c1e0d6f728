package io.newsflow.enrichment;

/**
 * An article's tokens, in the profile an extractor reads it with. Tokenising is a good part of what enrichment costs,
 * and every extractor after language detection reads the article in the same language: {@link EnrichmentDraft}
 * tokenises it once for all of them; a lone call of an extractor tokenises for itself.
 */
@FunctionalInterface
interface TokenSource {

    TextTokenizer.Tokens tokens(LanguageProfile profile);

    /** Tokenises at each call. */
    static TokenSource of(String title, String body) {
        return profile -> TextTokenizer.tokenize(title, body, profile);
    }
}
