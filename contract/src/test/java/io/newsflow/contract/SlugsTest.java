package io.newsflow.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Real slugs of keyphrases written here in French, English, German and Arabic; nothing faked. */
class SlugsTest {

    // The slug pattern of the article-enriched.v1 schema.
    private static final Pattern SLUG = Pattern.compile("^[a-z0-9]+(-[a-z0-9]+)*$");

    @ParameterizedTest
    @CsvSource({
            "Israël, israel",
            "coopération militaire, cooperation-militaire",
            "Défense aérienne, defense-aerienne",
            "São Paulo, sao-paulo",
            "Ærø, aero",
            "Œuvre, oeuvre",
            "Straße, strasse"})
    void foldsAccentsInSlug(String text, String slug) {
        assertEquals(slug, Slugs.slug(text));
    }

    @Test
    void collapsesPunctuationAndSpacesIntoSingleDashes() {
        assertEquals("maroc-israel", Slugs.slug("Maroc-Israël"));
        assertEquals("general-de-corps-d-armee", Slugs.slug("  Général de Corps d’Armée "));
        assertEquals("forces-armees-royales-far", Slugs.slug("Forces Armées Royales (FAR)"));
        assertEquals("f-35", Slugs.slug("F-35"));
        assertEquals("100", Slugs.slug("100 %"));
    }

    @Test
    void transliteratesArabicLetters() {
        assertEquals("almghrb", Slugs.slug("المغرب"));
        assertEquals("aldfaa-aljwy", Slugs.slug("الدفاع الجوي"));
        assertEquals("2023", Slugs.slug("٢٠٢٣"));
        assertEquals(Slugs.slug("مُحَمَّد"), Slugs.slug("محمد"), "short vowels are not spelt");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Путин", "東京", "🙂", "…"})
    void givesTextWithNothingToSpellAStableDigestSlug(String text) {
        String slug = Slugs.slug(text);
        assertTrue(SLUG.matcher(slug).matches(), slug);
        assertEquals(slug, Slugs.slug(text));
        assertTrue(slug.startsWith("x"), slug);
    }

    @Test
    void givesDifferentTextsWithNothingToSpellDifferentSlugs() {
        assertNotEquals(Slugs.slug("Путин"), Slugs.slug("Москва"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Israël", "coopération militaire", "l’Algérie", "États-Unis", "COVID-19", "المغرب",
            "Inspecteur Général des FAR", "--x--", "a_b"})
    void alwaysMatchesTheContractPattern(String text) {
        assertTrue(SLUG.matcher(Slugs.slug(text)).matches(), Slugs.slug(text));
    }

    @Test
    void refusesBlankText() {
        assertThrows(IllegalArgumentException.class, () -> Slugs.slug(" "));
        assertThrows(IllegalArgumentException.class, () -> Slugs.slug(null));
    }
}
