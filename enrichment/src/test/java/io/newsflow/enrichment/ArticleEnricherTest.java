package io.newsflow.enrichment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.newsflow.contract.Enrichment;
import io.newsflow.contract.Keyword;

/** The real orchestration of enrichers; the enrichers themselves are small fakes that succeed or throw. */
class ArticleEnricherTest {

    static Enricher enricher(String name, int order, Consumer<EnrichmentDraft> step) {
        return new Enricher() {
            public String name() {
                return name;
            }

            public int order() {
                return order;
            }

            public void enrich(EnrichmentDraft draft) {
                step.accept(draft);
            }
        };
    }

    final Enricher language = enricher("language", 10, d -> d.language = "fr");
    final Enricher keywords = enricher("keywords", 20,
            d -> d.keywords = List.of(new Keyword("Maroc-" + d.language, "maroc", 1)));
    final Enricher failing = enricher("summary", 50, d -> {
        throw new IllegalStateException("model missing");
    });

    @Test
    void degradesOnlyTheFieldOfAFailingEnricher() {
        ArticleEnricher enricher = new ArticleEnricher(List.of(failing, keywords, language), Set.of(),
                StepListener.NONE);

        Enrichment enrichment = enricher.enrich("Titre", "Texte.", null);

        assertEquals("fr", enrichment.language());
        assertEquals("Maroc-fr", enrichment.keywords().get(0).text());
        assertEquals(null, enrichment.summary());
        assertEquals(List.of("summary"), enrichment.degraded());
    }

    @Test
    void skipsASwitchedOffEnricherAndSaysSo() {
        ArticleEnricher enricher = new ArticleEnricher(List.of(language, keywords), Set.of("language"),
                StepListener.NONE);

        Enrichment enrichment = enricher.enrich("Title", "Text.", "en");

        assertEquals("en", enrichment.language());
        assertEquals("Maroc-en", enrichment.keywords().get(0).text());
        assertEquals(List.of("language"), enrichment.degraded());
    }

    @Test
    void tellsTheListenerOfEachStepThatRanInOrderAndWhetherItSucceeded() {
        List<String> told = new ArrayList<>();
        ArticleEnricher enricher = new ArticleEnricher(List.of(failing, keywords, language), Set.of("keywords"),
                (name, succeeded, nanos) -> told.add(name + (succeeded ? " ok" : " failed") + (nanos >= 0 ? "" : "?")));

        enricher.enrich("Titre", "Texte.", null);

        assertEquals(List.of("language ok", "summary failed"), told);
    }

    @Test
    void putsThePublishersTagsFirstAndDropsExtractedKeywordsWithTheSameSlug() {
        List<Keyword> extracted = List.of(new Keyword("israël", "israel", 0.9), new Keyword("Maroc", "maroc", 0.8),
                new Keyword("défense", "defense", 0.7));

        List<Keyword> merged = Enrichers.Keywords.withTags(extracted, List.of("Israël", "Rabat"), 2);

        assertEquals(List.of("Israël", "Rabat", "Maroc", "défense"), merged.stream().map(Keyword::text).toList());
        assertEquals(1.0, merged.get(0).score());
    }
}
