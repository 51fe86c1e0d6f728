package io.newsflow.enrichment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.newsflow.contract.Keyword;

/**
 * Real extraction with Lucene's stop word lists on the sample article of samples/ and on articles written here in
 * English and Arabic; nothing faked.
 */
class KeywordExtractorTest {

    private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

    private static final String ENGLISH_TITLE = "Volcano eruption forces evacuation of Iceland fishing town";
    private static final String ENGLISH_BODY = """
            A volcanic eruption on the Reykjanes peninsula forced the evacuation of Grindavik on Sunday, Iceland's \
            Meteorological Office said.

            Lava flowed towards the fishing town after a fissure opened north of Grindavik early in the morning. \
            Authorities had already evacuated the town's 3,700 residents in November, when hundreds of earthquakes \
            damaged roads and houses.

            The Meteorological Office said the eruption was the fifth on the Reykjanes peninsula since 2021. \
            Flights at Keflavik airport were not affected, the airport operator said.

            Scientists expect the volcanic activity on the peninsula to continue for years or decades. The Blue \
            Lagoon, a geothermal spa near Grindavik, closed as a precaution.""";

    private static final String ARABIC_TITLE = "المغرب وإسرائيل يعززان التعاون العسكري";
    private static final String ARABIC_BODY = """
            عقدت لجنة التعاون العسكري بين المغرب وإسرائيل اجتماعها الأول في الرباط يومي 16 و17 يناير.

            وناقش الجانبان مجالات التعاون العسكري الثنائي، ولا سيما اللوجستيك والتدريب وتحديث المعدات.

            وقرر المسؤولون توسيع التعاون ليشمل الاستخبارات والدفاع الجوي والحرب الإلكترونية.

            وقالت القوات المسلحة الملكية إن الاجتماع يعكس الثقة المتبادلة بين المغرب وإسرائيل.

            ويسعى المغرب منذ سنوات إلى تحديث قواته المسلحة، فيما تعد إسرائيل من أبرز مصدري الأسلحة في العالم.""";

    private final KeywordExtractor extractor = new KeywordExtractor();

    @Test
    void ranksMarocAndIsraelAmongTopKeywordsOfTheSample() {
        SampleArticle sample = SampleArticle.load();

        List<String> top = texts(extractor.extract(sample.title(), sample.body(), "fr", 10));

        assertTrue(top.contains("Maroc"), top.toString());
        assertTrue(top.contains("Israël"), top.toString());
        assertTrue(top.contains("coopération militaire"), top.toString());
        assertTrue(top.contains("FAR"), top.toString());
    }

    @Test
    void keepsTheDisplayFormOfTheTextAndSlugsIt() {
        SampleArticle sample = SampleArticle.load();

        List<Keyword> keywords = extractor.extract(sample.title(), sample.body(), "fr", 10);

        assertTrue(keywords.contains(new Keyword("coopération militaire", "cooperation-militaire", score(keywords,
                "coopération militaire"))), keywords.toString());
        assertEquals("israel", keyword(keywords, "Israël").slug());
        assertEquals("maroc", keyword(keywords, "Maroc").slug());
    }

    @Test
    void countsElidedArticlesAsTheWordTheyPrecede() {
        List<String> top = texts(extractor.extract("Visite officielle", """
                Le président s’est rendu en Israël lundi. La visite d’Israël par un chef d'État reste rare. \
                Les relations avec l'Israël d’aujourd’hui se sont réchauffées, selon l’entourage du président.""",
                "fr", 10));

        assertTrue(top.contains("Israël"), top.toString());
        assertTrue(top.stream().noneMatch(keyword -> keyword.startsWith("l’") || keyword.startsWith("d’")
                || keyword.startsWith("l'") || keyword.startsWith("d'")), top.toString());
    }

    @Test
    void extractsNamesAndPhrasesOfAnEnglishArticle() {
        List<Keyword> keywords = extractor.extract(ENGLISH_TITLE, ENGLISH_BODY, "en", 10);
        List<String> top = texts(keywords);

        assertTrue(top.subList(0, 5).contains("Grindavik"), top.toString());
        assertTrue(top.contains("eruption"), top.toString());
        assertTrue(top.contains("Reykjanes peninsula"), top.toString());
        assertTrue(top.contains("Meteorological Office"), top.toString());
        assertTrue(top.contains("Iceland"), "Iceland's counts as Iceland: " + top);
    }

    @Test
    void neverStartsOrEndsAKeyphraseWithAStopWord() {
        Set<String> stopWords = Set.of("the", "of", "a", "on", "at", "to", "in", "and", "said", "were", "was", "had");

        for (String keyword : texts(extractor.extract(ENGLISH_TITLE, ENGLISH_BODY, "en", 20))) {
            String[] words = keyword.toLowerCase(Locale.ROOT).split(" ");
            assertFalse(stopWords.contains(words[0]), keyword);
            assertFalse(stopWords.contains(words[words.length - 1]), keyword);
        }
    }

    @Test
    void extractsArabicKeyphrasesWithoutAttachedConjunctions() {
        List<Keyword> keywords = extractor.extract(ARABIC_TITLE, ARABIC_BODY, "ar", 10);
        List<String> top = texts(keywords);

        assertTrue(top.contains("المغرب"), top.toString());
        assertTrue(top.contains("إسرائيل"), "written وإسرائيل, 'and Israel': " + top);
        assertTrue(top.contains("التعاون العسكري"), top.toString());
        assertEquals("almghrb", keyword(keywords, "المغرب").slug());
    }

    @Test
    void givesScoresInTheUnitIntervalBestFirstWithValidDistinctSlugs() {
        SampleArticle sample = SampleArticle.load();
        for (List<Keyword> keywords : List.of(extractor.extract(sample.title(), sample.body(), "fr", 20),
                extractor.extract(ENGLISH_TITLE, ENGLISH_BODY, "en", 20),
                extractor.extract(ARABIC_TITLE, ARABIC_BODY, "ar", 20))) {
            assertEquals(20, keywords.size());
            Set<String> slugs = new HashSet<>();
            double previous = 1.0;
            for (Keyword keyword : keywords) {
                assertTrue(keyword.score() > 0 && keyword.score() <= previous, keywords.toString());
                assertTrue(SLUG.matcher(keyword.slug()).matches(), keyword.toString());
                assertTrue(slugs.add(keyword.slug()), "one slug once: " + keywords);
                previous = keyword.score();
            }
        }
    }

    @Test
    void dropsNearDuplicatesOfABetterKeyphrase() {
        List<String> top = texts(extractor.extract("Le roi Mohammed VI reçoit le président sénégalais",
                """
                        Le roi Mohammed VI a reçu mardi à Rabat le président sénégalais. Selon le communiqué, Mohammed VI                 et son hôte ont évoqué la coopération économique. La presse sénégalaise écrit Mohamed VI, et                 rappelle que Mohamed VI s’était rendu à Dakar en 2016.""",
                "fr", 10));

        assertTrue(top.contains("Mohammed VI"), top.toString());
        assertFalse(top.contains("Mohamed VI"), "one letter apart from a better keyphrase: " + top);
    }

    @Test
    void returnsAtMostMaxKeywords() {
        SampleArticle sample = SampleArticle.load();

        assertEquals(3, extractor.extract(sample.title(), sample.body(), "fr", 3).size());
        assertEquals(List.of(), extractor.extract(sample.title(), sample.body(), "fr", 0));
    }

    @Test
    void returnsNothingForTextWithoutWords() {
        assertEquals(List.of(), extractor.extract("", "", "fr", 10));
        assertEquals(List.of(), extractor.extract(null, "12 — 34, 56 !", "en", 10));
    }

    @Test
    void stillExtractsFromALanguageWithoutProfile() {
        List<String> top = texts(extractor.extract("Il Marocco e Israele rafforzano la cooperazione militare", """
                Marocco e Israele hanno tenuto a Rabat la prima riunione del comitato per la cooperazione militare.""",
                "xx", 5));

        assertEquals(5, top.size());
        assertTrue(top.stream().anyMatch(keyword -> keyword.contains("Marocco")), top.toString());
    }

    private static List<String> texts(List<Keyword> keywords) {
        return keywords.stream().map(Keyword::text).toList();
    }

    private static Keyword keyword(List<Keyword> keywords, String text) {
        return keywords.stream().filter(keyword -> keyword.text().equals(text)).findFirst()
                .orElseThrow(() -> new AssertionError(text + " not in " + keywords));
    }

    private static double score(List<Keyword> keywords, String text) {
        return keyword(keywords, text).score();
    }
}
