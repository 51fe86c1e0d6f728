package io.newsflow.enrichment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * One tokenisation per article for every extractor, with stems computed once per token: the shared path must give
 * exactly what each extractor gives when called alone. Real extractors over the sample article (no language models).
 */
class SharedTokensTest {

    static final SampleArticle SAMPLE = SampleArticle.load();
    static final String ENGLISH = "Heavy rains flooded the coastal towns on Monday. The "
            + "government sent soldiers to help residents. Officials said the flooding was the worst in decades.";

    @Test
    void anArticleIsTokenisedOncePerLanguageForAllItsReaders() {
        EnrichmentDraft draft = new EnrichmentDraft(SAMPLE.title(), SAMPLE.body(), "fr", List.of());
        LanguageProfile french = LanguageProfile.of("fr");

        TextTokenizer.Tokens first = draft.tokens(french);

        assertSame(first, draft.tokens(LanguageProfile.of("fr")), "another reader in French gets the same tokens");
        assertNotSame(first, draft.tokens(LanguageProfile.of("en")), "another language is tokenised anew");
    }

    @Test
    void cachedStemsAreTheStemmersOwn() {
        TextTokenizer.Tokens tokens = TextTokenizer.tokenize(SAMPLE.title(), SAMPLE.body(), LanguageProfile.of("fr"));
        Stemmer stemmer = Stemmer.of("fr");
        for (int k = 0; k < tokens.size; k++) {
            assertEquals(stemmer.stem(tokens.lower[k]), tokens.stem(k), tokens.lower[k]);
            assertEquals(stemmer.stem(tokens.lower[k]), tokens.stem(k), "asked again: " + tokens.lower[k]);
        }
    }

    @Test
    void extractorsReadingSharedTokensAnswerWhatTheyAnswerAlone() {
        KeywordExtractor keywords = new KeywordExtractor();
        EntityExtractor entities = new EntityExtractor();
        CategoryClassifier categories = new CategoryClassifier();
        Summarizer summarizer = new Summarizer();
        for (String[] article : List.of(new String[] {SAMPLE.title(), SAMPLE.body(), "fr"},
                new String[] {"Floods hit the coast", ENGLISH, "en"},
                new String[] {"Unknown", "Ein Text ohne bekannte Sprache, vielleicht.", "xx"})) {
            String title = article[0];
            String text = article[1];
            String language = article[2];
            EnrichmentDraft draft = new EnrichmentDraft(title, text, language, List.of());

            // In the order the enrichers run, all on one draft.
            assertEquals(keywords.extract(title, text, language, 10), keywords.extract(draft::tokens, language, 10));
            var found = entities.extract(title, text, language);
            assertEquals(found, entities.extract(draft::tokens, language));
            assertEquals(categories.classify(title, text, language, found),
                    categories.classify(draft::tokens, language, found));
            assertEquals(summarizer.summarize(title, text, language, 3),
                    summarizer.summarize(draft::tokens, language, 3));
        }
    }
}
