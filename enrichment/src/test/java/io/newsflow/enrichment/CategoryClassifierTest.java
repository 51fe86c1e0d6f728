package io.newsflow.enrichment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.newsflow.contract.Category;
import io.newsflow.contract.Entity;

/**
 * Real term lists and stemmers on the sample article of samples/ and on articles written here in English,
 * French and Arabic, with the entities of the real {@link EntityExtractor}; nothing faked.
 */
class CategoryClassifierTest {

    private static final String POLITICS = "medtop:11000000";
    private static final String CONFLICT = "medtop:16000000";
    private static final String DEFENCE = "medtop:20000598";
    private static final String SPORT = "medtop:15000000";
    private static final String ECONOMY = "medtop:04000000";

    private static final String FOOTBALL_TITLE = "Late goal sends Arsenal top of the league";
    private static final String FOOTBALL_BODY = """
            Arsenal beat Chelsea 2-1 at the Emirates Stadium on Sunday to go top of the Premier League table.

            The striker scored the winning goal in the 89th minute after the visitors had equalised early in the \
            second half. The coach praised his players for a hard-fought victory in a tense derby.

            The win leaves the club two points clear of Liverpool, who play their match in hand on Wednesday, with \
            eight games of the season left.""";

    private static final String ECONOMY_TITLE = "La croissance ralentit, l'inflation reste élevée";
    private static final String ECONOMY_BODY = """
            La croissance de l'économie française a ralenti au troisième trimestre, selon l'Insee, tandis que \
            l'inflation reste supérieure à 4 %.

            La Banque centrale européenne a relevé ses taux d'intérêt pour la dixième fois. Les entreprises \
            reportent leurs investissements et la consommation des ménages recule.

            Le ministre de l'Économie prévoit un déficit budgétaire plus élevé et une dette publique en hausse.""";

    // Stemming every term list takes a moment; the classifier is immutable.
    private static CategoryClassifier classifier;
    private static EntityExtractor extractor;

    @BeforeAll
    static void loadTermLists() {
        classifier = new CategoryClassifier();
        extractor = new EntityExtractor();
    }

    @Test
    void putsTheSampleUnderDefenceOnItsMilitaryVocabulary() {
        SampleArticle sample = SampleArticle.load();

        List<Category> categories = classifier.classify(sample.title(), sample.body(), "fr",
                extractor.extract(sample.title(), sample.body(), "fr"));

        List<String> codes = codes(categories);
        assertTrue(codes.contains(POLITICS) || codes.contains(CONFLICT), categories.toString());
        Category defence = category(categories, DEFENCE);
        assertEquals("defence", defence.label());
        assertTrue(defence.evidence().containsAll(List.of("militaire", "défense", "armée")), defence.toString());
        assertTrue(codes.indexOf(DEFENCE) > codes.indexOf(POLITICS), "a subtopic follows its parent: " + codes);
    }

    @Test
    void readsAnAcronymAsTheLongFormItStandsFor() {
        String text = "Les FAR présentent leur bilan à Rabat. Les FAR recrutent des soldats. Les FAR défilent.";
        List<Entity> entities = extractor.extract("Bilan", text, "fr");

        Category defence = category(classifier.classify("Bilan", text, "fr", entities), DEFENCE);

        assertEquals(List.of("forces armées", "soldat"), defence.evidence(), "FAR, Forces Armées Royales");
    }

    @Test
    void classifiesAnEnglishFootballReportAsSport() {
        List<Category> categories = classifier.classify(FOOTBALL_TITLE, FOOTBALL_BODY, "en",
                extractor.extract(FOOTBALL_TITLE, FOOTBALL_BODY, "en"));

        assertEquals(SPORT, categories.get(0).code(), categories.toString());
        assertEquals("sport", categories.get(0).label());
        assertTrue(categories.get(0).evidence().containsAll(List.of("league", "stadium", "striker")),
                categories.toString());
    }

    @Test
    void classifiesAFrenchArticleOnGrowthAndInflationAsEconomy() {
        List<Category> categories = classifier.classify(ECONOMY_TITLE, ECONOMY_BODY, "fr", null);

        assertEquals(ECONOMY, categories.get(0).code(), categories.toString());
        assertTrue(categories.get(0).evidence().containsAll(List.of("croissance", "inflation")),
                categories.toString());
    }

    @Test
    void classifiesAnArabicArticleOnMilitaryCooperationUnderDefence() {
        List<Category> categories = classifier.classify(EntityExtractorTest.ARABIC_TITLE,
                EntityExtractorTest.ARABIC_BODY, "ar", null);

        assertTrue(codes(categories).contains(DEFENCE), categories.toString());
    }

    @Test
    void givesEvidenceAndScoresInTheUnitIntervalBestFirst() {
        SampleArticle sample = SampleArticle.load();
        for (List<Category> categories : List.of(
                classifier.classify(sample.title(), sample.body(), "fr", null),
                classifier.classify(FOOTBALL_TITLE, FOOTBALL_BODY, "en", null),
                classifier.classify(ECONOMY_TITLE, ECONOMY_BODY, "fr", null))) {
            assertFalse(categories.isEmpty());
            double previous = 1.0;
            for (Category category : categories) {
                assertTrue(category.code().matches("medtop:\\d{8}"), category.toString());
                assertTrue(category.score() > 0 && category.score() <= previous, categories.toString());
                assertFalse(category.evidence().isEmpty(), category.toString());
                previous = category.score();
            }
            assertTrue(categories.stream().filter(c -> c.code().endsWith("000000"))
                    .count() <= CategoryClassifier.MAX_TOPICS, categories.toString());
        }
    }

    @Test
    void findsNoTopicWithoutEvidenceOrTermList() {
        assertEquals(List.of(), classifier.classify("Bonjour", "Il fait beau, dit-elle en souriant.", "fr", null));
        assertEquals(List.of(), classifier.classify("Möte", "Ministern reste i går till Kairo.", "sv", null));
        assertEquals(List.of(), classifier.classify(null, null, "en", null));
    }

    private static List<String> codes(List<Category> categories) {
        return categories.stream().map(Category::code).toList();
    }

    private static Category category(List<Category> categories, String code) {
        return categories.stream().filter(category -> category.code().equals(code)).findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in " + categories));
    }
}
