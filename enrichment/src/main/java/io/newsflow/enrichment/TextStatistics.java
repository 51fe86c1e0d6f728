package io.newsflow.enrichment;

import java.util.Map;

/**
 * Length and reading time of an article.
 *
 * <p>Reading rates are for silent reading of non-fiction by adults. English: 238 words per minute, the estimate of
 * Brysbaert's meta-analysis of 190 studies ("How many words do we read per minute? A review and meta-analysis of
 * reading rate", Journal of Memory and Language 109, 2019). Brysbaert shows that other languages differ by the
 * number of words they need for the same message; the International Reading Speed Texts measure exactly that, the
 * same ten texts read by native speakers of 17 languages (Trauzettel-Klosinski and Dietz, "Standardized assessment
 * of reading performance: the new International Reading Speed Texts IReST", Investigative Ophthalmology and Visual
 * Science 53(9), 2012). So the rate of a language is 238 × its IReST rate / the English IReST rate (228 words per
 * minute): French 195, Arabic 138, Spanish 218, German 179, Italian 188, Portuguese 181, Dutch 202. A language
 * outside the table gets the IReST mean of all 17 languages, 184.
 */
public final class TextStatistics {

    static final double ENGLISH_SILENT_WPM = 238;
    static final double IREST_ENGLISH_WPM = 228;
    static final double IREST_MEAN_WPM = 184;
    private static final Map<String, Double> IREST_WPM = Map.of("en", 228.0, "fr", 195.0, "ar", 138.0, "es", 218.0,
            "de", 179.0, "it", 188.0, "pt", 181.0, "nl", 202.0);

    private TextStatistics() {
    }

    /**
     * Words in any script: runs of letters, digits and combining marks, an apostrophe, hyphen, dot or comma between
     * two such characters keeping the run whole ({@code l’Israël}, {@code maroco-israélienne}, {@code 1,500},
     * {@code bladi.net}), as a word processor counts them.
     */
    public static int wordCount(String text) {
        if (text == null) {
            return 0;
        }
        int words = 0;
        boolean inWord = false;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (TextTokenizer.isWordChar(c)) {
                if (!inWord) {
                    words++;
                    inWord = true;
                }
            } else if (!(inWord && joinsWord(c) && i + 1 < n && TextTokenizer.isWordChar(text.charAt(i + 1)))) {
                inWord = false;
            }
        }
        return words;
    }

    /** Minutes to read that many words in a language, rounded up; at least 1. */
    public static int readingTimeMinutes(int words, String language) {
        double rate = ENGLISH_SILENT_WPM * IREST_WPM.getOrDefault(language == null ? "" : language, IREST_MEAN_WPM)
                / IREST_ENGLISH_WPM;
        return Math.max(1, (int) Math.ceil(words / rate));
    }

    private static boolean joinsWord(char c) {
        return TextTokenizer.isApostrophe(c) || c == '-' || c == '‐' || c == '‑' || c == '.' || c == ',';
    }
}
