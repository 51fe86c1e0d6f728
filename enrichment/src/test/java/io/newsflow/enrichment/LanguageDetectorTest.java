package io.newsflow.enrichment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real Lingua models on the sample article of samples/ and on texts written here in English, Arabic, Spanish and
 * German; nothing faked.
 */
class LanguageDetectorTest {

    private static final String ENGLISH = """
            A volcanic eruption on the Reykjanes peninsula forced the evacuation of Grindavik on Sunday, \
            the Meteorological Office said. Lava flowed towards the fishing town after a fissure opened north \
            of it early in the morning.""";
    private static final String ARABIC = """
            عقدت لجنة التعاون العسكري بين المغرب وإسرائيل اجتماعها الأول في الرباط، وناقش الجانبان مجالات \
            التعاون الثنائي ولا سيما التدريب وتحديث المعدات.""";

    // Loading the models takes seconds; the detector is immutable, so the tests share one.
    private static LanguageDetector detector;

    @BeforeAll
    static void loadModels() {
        detector = new LanguageDetector();
    }

    @Test
    void detectsFrenchOnTheSample() {
        LanguageDetector.DetectedLanguage language = detector.detect(SampleArticle.load().titleAndBody(), null);

        assertEquals("fr", language.code());
        assertTrue(language.confidence() > 0.8, "a clean French article is no close call: " + language);
    }

    @Test
    void detectsEnglishText() {
        LanguageDetector.DetectedLanguage language = detector.detect(ENGLISH, "en");

        assertEquals("en", language.code());
        assertTrue(language.confidence() > 0.5, language.toString());
    }

    @Test
    void detectsArabicText() {
        assertEquals(new LanguageDetector.DetectedLanguage("ar", 1.0), detector.detect(ARABIC, null),
                "Arabic script leaves no other language of the set");
    }

    @Test
    void decidesOnTheFirstCharactersAloneWhateverFollows() {
        // The French sample's opening, then far more English than French: only the opening is read, so an article's
        // length bounds nothing of the detection's cost.
        String french = SampleArticle.load().body();
        String opening = french.substring(0, french.indexOf(' ', LanguageDetector.MAX_SAMPLE_CHARS));
        String text = opening + " " + (ENGLISH + " ").repeat(50);

        assertEquals("fr", detector.detect(text, "en").code());
        assertEquals(detector.detect(opening, "en"), detector.detect(text, "en"), "as if the opening were all");
    }

    @Test
    void trustsTheTextOverAWrongDeclaration() {
        assertEquals("en", detector.detect(ENGLISH, "fr").code());
        assertEquals("fr", detector.detect(SampleArticle.load().body(), "es").code());
    }

    @Test
    void fallsBackToDeclaredLanguageOnShortText() {
        assertEquals(new LanguageDetector.DetectedLanguage("fr", 0.0), detector.detect("Maroc", "fr"));
        assertEquals(new LanguageDetector.DetectedLanguage("es", 0.0), detector.detect("Hello world", "es"));
        assertEquals(new LanguageDetector.DetectedLanguage("de", 0.0), detector.detect("", "de"));
    }

    @Test
    void readsTheDeclaredLanguageFromALanguageTag() {
        assertEquals("pt", detector.detect("Olá", "pt-BR").code());
        assertEquals("en", detector.detect("Hi", " EN_gb ").code());
    }

    @Test
    void ignoresADeclarationThatIsNoLanguageCode() {
        LanguageDetector.DetectedLanguage language = detector.detect("Buenos días a todos", "spanish");

        assertEquals("es", language.code(), "short, but Lingua's best guess beats a malformed declaration");
    }

    @Test
    void givesTheMostLikelyLanguageOfShortTextWhenNothingIsDeclared() {
        LanguageDetector.DetectedLanguage language = detector.detect("Guten Morgen", null);

        assertEquals("de", language.code());
        assertTrue(language.confidence() >= 0 && language.confidence() <= 1, language.toString());
    }

    @Test
    void answersTheFirstDefaultLanguageWhenTextHasNoLettersAndNothingIsDeclared() {
        assertEquals(new LanguageDetector.DetectedLanguage("fr", 0.0), detector.detect("2023 — 12:30 !", null));
        assertEquals(new LanguageDetector.DetectedLanguage("fr", 0.0), detector.detect(null, null));
    }

    @Test
    void choosesOnlyAmongTheConfiguredLanguages() {
        LanguageDetector frenchOrEnglish = new LanguageDetector(new LinkedHashSet<>(List.of("en", "fr")));

        assertEquals("en", frenchOrEnglish.detect(ENGLISH, null).code());
        assertEquals("fr", frenchOrEnglish.detect("", null).code(), "fr comes before en among the defaults");
        assertEquals("en", frenchOrEnglish.detect(ARABIC, "en").code(), "no Arabic to choose");
    }

    @Test
    void refusesUnknownCodesAndSingleLanguages() {
        assertThrows(IllegalArgumentException.class, () -> new LanguageDetector(Set.of("fr", "xx")));
        assertThrows(IllegalArgumentException.class, () -> new LanguageDetector(Set.of("fr")));
    }

    @Test
    void keepsConfidenceWithinTheUnitInterval() {
        for (String text : List.of(ENGLISH, ARABIC, "Le Maroc et Israël", "Bonjour", "ok ok ok ok ok ok ok ok ok ok")) {
            double confidence = detector.detect(text, null).confidence();
            assertTrue(confidence >= 0 && confidence <= 1, text + " → " + confidence);
        }
    }
}
