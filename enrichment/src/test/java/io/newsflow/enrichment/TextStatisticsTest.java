package io.newsflow.enrichment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real counts of texts written here in French, English and Arabic and of the sample of samples/; nothing faked. */
class TextStatisticsTest {

    @Test
    void countsElisionsHyphenatedWordsAndNumbersAsOneWord() {
        assertEquals(7, TextStatistics.wordCount("l’Israël et la coopération maroco-israélienne : 1,500 soldats."));
        assertEquals(4, TextStatistics.wordCount("It's bladi.net's top story"));
    }

    @Test
    void countsArabicWords() {
        assertEquals(8, TextStatistics.wordCount("عقدت لجنة التعاون العسكري بين المغرب وإسرائيل اجتماعها"));
    }

    @Test
    void countsNoWordInPunctuationOrNothing() {
        assertEquals(0, TextStatistics.wordCount(null));
        assertEquals(0, TextStatistics.wordCount(" — « » ... "));
    }

    @Test
    void countsTheWordsOfTheSample() {
        assertEquals(203, TextStatistics.wordCount(SampleArticle.load().body()));
    }

    @ParameterizedTest
    @CsvSource({
            // English: Brysbaert's 238 words a minute.
            "0, en, 1", "238, en, 1", "239, en, 2",
            // French: 238 × 195 / 228 = 203.6.
            "203, fr, 1", "204, fr, 2",
            // Arabic: 238 × 138 / 228 = 144.1.
            "144, ar, 1", "145, ar, 2", "1000, ar, 7",
            // Any other language: 238 × 184 / 228 = 192.1.
            "192, sv, 1", "193, sv, 2"})
    void roundsTheReadingTimeUpAtTheRateOfTheLanguage(int words, String language, int minutes) {
        assertEquals(minutes, TextStatistics.readingTimeMinutes(words, language));
    }
}
