package io.newsflow.enrichment;

import java.util.function.Supplier;

import org.apache.lucene.analysis.ar.ArabicNormalizer;
import org.apache.lucene.analysis.ar.ArabicStemmer;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.German2Stemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;

/**
 * Reduces a lower-case word to a stem so that the inflections of a word meet: Snowball stemmers from Lucene for
 * the Latin-script languages ({@code militaires}, {@code militaire} → {@code militair}), Lucene's Arabic normaliser
 * and light stemmer for Arabic ({@code العسكرية}, {@code العسكري} → {@code عسكر}). Unlike
 * {@link LanguageProfile#fold}, which keeps {@code lancement} and {@code lanceur} apart for keyphrases, this is
 * meant for matching a text against word lists and sentences against each other, where recall matters more.
 *
 * <p>A Snowball stemmer keeps its word in a buffer, so an instance serves one thread: take one per call.
 */
final class Stemmer {

    private static final ArabicNormalizer ARABIC_NORMALIZER = new ArabicNormalizer();
    private static final ArabicStemmer ARABIC_STEMMER = new ArabicStemmer();

    private final SnowballStemmer snowball;
    private final boolean arabic;

    private Stemmer(SnowballStemmer snowball, boolean arabic) {
        this.snowball = snowball;
        this.arabic = arabic;
    }

    /** A stemmer of an ISO 639-1 language; for a language without one, words stay as they are. */
    static Stemmer of(String language) {
        Supplier<SnowballStemmer> snowball = switch (language == null ? "" : language) {
            case "fr" -> FrenchStemmer::new;
            case "en" -> EnglishStemmer::new;
            case "es" -> SpanishStemmer::new;
            // German2 also folds ae/oe/ue spellings into ä/ö/ü.
            case "de" -> German2Stemmer::new;
            case "it" -> ItalianStemmer::new;
            case "pt" -> PortugueseStemmer::new;
            case "nl" -> DutchStemmer::new;
            default -> null;
        };
        return new Stemmer(snowball == null ? null : snowball.get(), "ar".equals(language));
    }

    String stem(String lowerCaseWord) {
        if (arabic) {
            char[] chars = lowerCaseWord.toCharArray();
            int length = ARABIC_NORMALIZER.normalize(chars, chars.length);
            length = ARABIC_STEMMER.stem(chars, length);
            return length == 0 ? lowerCaseWord : new String(chars, 0, length);
        }
        if (snowball == null) {
            return lowerCaseWord;
        }
        snowball.setCurrent(lowerCaseWord);
        snowball.stem();
        return snowball.getCurrent();
    }

    /** Lucene's Arabic normalisation alone (hamza forms, alef maqsura, teh marbuta, diacritics, tatweel). */
    static String normalizeArabic(String word) {
        char[] chars = word.toCharArray();
        return new String(chars, 0, ARABIC_NORMALIZER.normalize(chars, chars.length));
    }
}
