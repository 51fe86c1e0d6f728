package io.newsflow.enrichment;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.analysis.ar.ArabicNormalizer;
import org.apache.lucene.analysis.ar.ArabicStemmer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.snowball.SnowballFilter;

/**
 * What keyword extraction needs to know about one language: its stop words, the elided articles that stick to the
 * next word ({@code l’}, {@code d’}, {@code dell’}), how to fold a word's inflections into one term and how to
 * show a phrase.
 *
 * <p>Stop words come from Lucene: the Snowball project's lists (the defaults of Lucene's French, Spanish, German,
 * Italian, Portuguese and Dutch analyzers, and Snowball's English list, far fuller than {@code EnglishAnalyzer}'s
 * 33 words) and Lucene's Arabic list. Snowball lists hold function words only and leave out, on purpose, words that
 * are also nouns ({@code été}, "summer"; {@code est}, "east"); a short list per language beside this class adds
 * back those and the auxiliaries, adverbs, numerals and reporting verbs that a news keyphrase never starts or ends
 * with.
 *
 * <p>Folding is deliberately light, plurals only (YAKE itself only drops a final s): an aggressive stemmer would
 * merge {@code lancement} and {@code lanceur}. Arabic gets Lucene's normaliser and light stemmer, since its
 * conjunctions, prepositions and article are written attached to the word.
 */
final class LanguageProfile {

    private static final Set<String> ENGLISH_NOT_PLURAL = Set.of("news", "means", "goods", "politics", "economics",
            "physics", "ethics", "athletics", "headquarters", "series", "species", "thanks", "arms");
    private static final ArabicNormalizer ARABIC_NORMALIZER = new ArabicNormalizer();
    private static final ArabicStemmer ARABIC_STEMMER = new ArabicStemmer();

    /** The ISO 639-1 code it was made for; empty for the language-neutral profile. */
    final String code;
    final CharArraySet stopWords;
    final Set<String> elisions;
    final boolean possessiveS;
    private final UnaryOperator<String> folding;
    private final boolean arabic;

    private LanguageProfile(String code, CharArraySet stopWords, Set<String> elisions, boolean possessiveS,
            UnaryOperator<String> folding, boolean arabic) {
        this.code = code;
        this.stopWords = stopWords;
        this.elisions = elisions;
        this.possessiveS = possessiveS;
        this.folding = folding;
        this.arabic = arabic;
    }

    /** The profile of an ISO 639-1 code, or a language-neutral one (no stop words beyond short words) for others. */
    static LanguageProfile of(String code) {
        return switch (code) {
            case "fr" -> new LanguageProfile("fr", withExtra(FrenchAnalyzer.getDefaultStopSet(), "fr"),
                    // Lucene's FrenchAnalyzer elision articles, plus presqu’ (presqu’île).
                    Set.of("l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu",
                            "presqu"),
                    false, LanguageProfile::foldPluralSX, false);
            case "en" -> new LanguageProfile("en",
                    withExtra(snowball("english_stop.txt", EnglishAnalyzer.ENGLISH_STOP_WORDS_SET), "en"), Set.of(),
                    true, LanguageProfile::foldEnglishPlural, false);
            case "es" ->
                new LanguageProfile("es", withExtra(SpanishAnalyzer.getDefaultStopSet(), "es"), Set.of(), false,
                        LanguageProfile::foldPluralS, false);
            case "pt" ->
                new LanguageProfile("pt", withExtra(PortugueseAnalyzer.getDefaultStopSet(), "pt"), Set.of(), false,
                        LanguageProfile::foldPluralS, false);
            case "de" -> new LanguageProfile("de", withExtra(GermanAnalyzer.getDefaultStopSet(), "de"), Set.of(), false,
                    UnaryOperator.identity(), false);
            case "it" -> new LanguageProfile("it", withExtra(ItalianAnalyzer.getDefaultStopSet(), "it"),
                    // Lucene's ItalianAnalyzer elision articles, plus quest’, quell’ and nessun’.
                    Set.of("c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl",
                            "degl", "negl", "sugl", "un", "m", "t", "s", "v", "d", "quest", "quell", "nessun"),
                    false, UnaryOperator.identity(), false);
            case "nl" -> new LanguageProfile("nl", withExtra(DutchAnalyzer.getDefaultStopSet(), "nl"), Set.of(), false,
                    UnaryOperator.identity(), false);
            case "ar" -> new LanguageProfile("ar", withExtra(ArabicAnalyzer.getDefaultStopSet(), "ar"), Set.of(), false,
                    LanguageProfile::foldArabic, true);
            default ->
                new LanguageProfile("", CharArraySet.EMPTY_SET, Set.of(), false, UnaryOperator.identity(), false);
        };
    }

    boolean isStopWord(String lowerCaseWord) {
        return stopWords.contains(lowerCaseWord);
    }

    /** The key of a content word; never a stop word, so that a stop word and a content word never share a key. */
    String fold(String lowerCaseWord) {
        String folded = folding.apply(lowerCaseWord);
        return folded.equals(lowerCaseWord) || !isStopWord(folded) ? folded : lowerCaseWord;
    }

    /** A phrase as a reader expects it in a keyword list, from the phrase as written in a sentence. */
    String display(String phrase) {
        return arabic ? withoutArabicPreposition(phrase) : phrase;
    }

    private static CharArraySet snowball(String file, CharArraySet extra) {
        try (Reader reader = new InputStreamReader(resource(SnowballFilter.class, file), StandardCharsets.UTF_8)) {
            return WordlistLoader.getSnowballWordSet(reader, new CharArraySet(extra, false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Lucene's " + file, e);
        }
    }

    private static CharArraySet withExtra(CharArraySet lucene, String code) {
        CharArraySet words = new CharArraySet(lucene, false);
        try (Reader reader = new InputStreamReader(resource(LanguageProfile.class, "stopwords-" + code + ".txt"),
                StandardCharsets.UTF_8)) {
            WordlistLoader.getWordSet(reader, "#", words);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the extra stop words of " + code, e);
        }
        return CharArraySet.unmodifiableSet(words);
    }

    private static InputStream resource(Class<?> owner, String name) throws IOException {
        InputStream in = owner.getResourceAsStream(name);
        if (in == null) {
            throw new IOException(name + " is missing beside " + owner.getName());
        }
        return in;
    }

    private static String foldPluralS(String word) {
        return word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") ? word.substring(0, word.length() - 1)
                : word;
    }

    private static String foldPluralSX(String word) {
        return word.length() > 3 && word.endsWith("x") ? word.substring(0, word.length() - 1) : foldPluralS(word);
    }

    /**
     * Regular plurals only: {@code -ss}, {@code -us}, {@code -is} endings are singular far more often than not, and
     * a few frequent words in {@code -s} are no plural of the word without it ({@code news}).
     */
    private static String foldEnglishPlural(String word) {
        int n = word.length();
        if (n <= 3 || word.charAt(n - 1) != 's' || ENGLISH_NOT_PLURAL.contains(word)) {
            return word;
        }
        char before = word.charAt(n - 2);
        if (before == 's' || before == 'u' || before == 'i') {
            return word;
        }
        if (n > 4 && word.endsWith("ies")) {
            return word.substring(0, n - 3) + "y";
        }
        return word.substring(0, n - 1);
    }

    /** Lucene's Arabic normalisation (hamza forms, diacritics, tatweel) and light stemming (al-, wa-, -at...). */
    private static String foldArabic(String word) {
        char[] chars = word.toCharArray();
        int length = ARABIC_NORMALIZER.normalize(chars, chars.length);
        length = ARABIC_STEMMER.stem(chars, length);
        return length == 0 ? word : new String(chars, 0, length);
    }

    /**
     * How many leading letters of a word are a conjunction written onto it: {@code و} or {@code ف} before the article,
     * a hamza on alef or a preposition with the article, which only ever start a word ({@code والمغرب},
     * {@code وإسرائيل}, {@code وبالرباط}); {@code وزير} keeps its waw, which belongs to the word. 0 elsewhere.
     */
    int conjunctionLength(String word) {
        if (!arabic || word.length() < 4 || word.charAt(0) != 'و' && word.charAt(0) != 'ف') {
            return 0;
        }
        char second = word.charAt(1);
        boolean wordStartsAfter = startsWithArticle(word, 1) || isHamzaAlef(second) || word.startsWith("لل", 1)
                || (second == 'ب' || second == 'ك') && startsWithArticle(word, 2);
        return wordStartsAfter ? 1 : 0;
    }

    /**
     * Drops a preposition written onto a phrase's first word before the article, for a keyword list reads
     * {@code الرباط} and {@code المغرب}, not {@code بالرباط} ("in Rabat") and {@code للمغرب} ("for Morocco").
     */
    private static String withoutArabicPreposition(String phrase) {
        if ((phrase.startsWith("ب") || phrase.startsWith("ك")) && startsWithArticle(phrase, 1)) {
            return phrase.substring(1);
        }
        if (phrase.startsWith("لل") && phrase.length() > 3) {
            return "ا" + phrase.substring(1);
        }
        return phrase;
    }

    private static boolean startsWithArticle(String text, int at) {
        return text.startsWith("ال", at) && text.length() > at + 3;
    }

    private static boolean isHamzaAlef(char c) {
        return c == 'أ' || c == 'إ' || c == 'آ';
    }
}
