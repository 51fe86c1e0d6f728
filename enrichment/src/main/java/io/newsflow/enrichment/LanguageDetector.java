package io.newsflow.enrichment;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

/**
 * Detects the language of an article's text with Lingua, among a fixed set of languages.
 *
 * <p>All language models are loaded in the constructor (about 1.5 to 3 s and 210 MB of heap for the eight default
 * languages, measured with {@code -Xmx512m}); Lingua keeps them in static maps, so a second instance costs
 * nothing more. Lazy loading would leave the heap size to chance: long texts only need the trigram models (13 MB),
 * but the first short text would pull in the rest in the middle of a request. Lingua's high accuracy mode is kept
 * because it is what tells short texts apart (on the 20 to 120 character sentences of the keyword evaluation sets
 * it is right 99 to 100 % of the time, the low accuracy mode 96 to 98 %). The instance is immutable after
 * construction and safe to share between threads.
 *
 * <p>Confidence: Lingua 1.2 reports the winner at 1.0 and every other language as a ratio to it, so the winner's
 * value says nothing. What does say something is Lingua's relative distance, 1 minus the runner-up's value, the
 * quantity Lingua itself compares with its minimum relative distance. It grows with the length and cleanness of the
 * text: on the evaluation sets, article-length texts reach 0.2 to 0.3 and every misclassified sentence stayed below
 * 0.065. The confidence is that distance scaled so that 0.25 and above count as certain.
 */
public final class LanguageDetector {

    /** In order of preference for the answer of last resort, when a text has no letters and nothing was declared. */
    public static final Set<String> DEFAULT_LANGUAGES = Collections
            .unmodifiableSet(new LinkedHashSet<>(List.of("fr", "en", "ar", "es", "de", "it", "pt", "nl")));

    static final int MIN_LETTERS = 20;
    // The first 300 characters decide the language as well as the whole text does, at a bounded cost: on the 226
    // texts of over 600 characters in the keyword and extraction evaluation sets, the first 200, 300 and 500 gave the
    // same answer for every one, as many too close to call (3), and a distance between the two best languages of
    // 0.202 on average against 0.207 (so the confidence keeps its scale). Lingua's cost grows with the sample (its
    // script rules match every word against every alphabet's pattern): with 500 characters language detection was
    // 42% of enrich-service's CPU under load (JFR), and 300 take about 40% less than 500.
    static final int MAX_SAMPLE_CHARS = 300;
    static final double UNDECIDED_DISTANCE = 0.05;
    static final double CERTAIN_DISTANCE = 0.25;

    private final com.github.pemistahl.lingua.api.LanguageDetector lingua;
    private final String fallbackCode;

    public LanguageDetector() {
        this(DEFAULT_LANGUAGES);
    }

    /**
     * The language of a text.
     *
     * @param code       ISO 639-1 code, always two lower-case letters
     * @param confidence in [0, 1]; 0 when the text said too little and the declared language was taken instead
     */
    public record DetectedLanguage(String code, double confidence) {
    }

    /**
     * @param codes ISO 639-1 codes of the languages to tell apart, at least two. The answer of last resort is the
     *              first of them in {@link #DEFAULT_LANGUAGES}' order, else the first alphabetically, so that it does
     *              not depend on the set's iteration order.
     */
    public LanguageDetector(Set<String> codes) {
        if (codes == null || codes.size() < 2) {
            throw new IllegalArgumentException("Lingua needs at least two languages to choose from, got " + codes);
        }
        IsoCode639_1[] isoCodes = codes.stream().map(LanguageDetector::isoCode).toArray(IsoCode639_1[]::new);
        this.lingua = LanguageDetectorBuilder.fromIsoCodes639_1(isoCodes).withPreloadedLanguageModels().build();
        Set<String> configured = Arrays.stream(isoCodes).map(LanguageDetector::code).collect(Collectors.toSet());
        this.fallbackCode = DEFAULT_LANGUAGES.stream().filter(configured::contains).findFirst()
                .orElseGet(() -> configured.stream().sorted().findFirst().orElseThrow());
    }

    /**
     * @param text             the article's title and body
     * @param declaredLanguage what the publisher declared (ISO 639-1, a tag such as {@code fr-FR} also works), or null
     */
    public DetectedLanguage detect(String text, String declaredLanguage) {
        String declared = declaredCode(declaredLanguage);
        String sample = sample(text == null ? "" : text);
        if (declared != null && letters(sample) < MIN_LETTERS) {
            return new DetectedLanguage(declared, 0.0);
        }
        Language best = null;
        double bestValue = 0;
        double runnerUpValue = 0;
        for (Map.Entry<Language, Double> entry : lingua.computeLanguageConfidenceValues(sample).entrySet()) {
            double value = entry.getValue();
            if (best == null || value > bestValue) {
                runnerUpValue = bestValue;
                best = entry.getKey();
                bestValue = value;
            } else if (value > runnerUpValue) {
                runnerUpValue = value;
            }
        }
        if (best == null) {
            return new DetectedLanguage(declared != null ? declared : fallbackCode, 0.0);
        }
        double distance = bestValue - runnerUpValue;
        if (declared != null && distance < UNDECIDED_DISTANCE) {
            return new DetectedLanguage(declared, 0.0);
        }
        return new DetectedLanguage(code(best.getIsoCode639_1()), Math.min(1.0, distance / CERTAIN_DISTANCE));
    }

    private static String code(IsoCode639_1 isoCode) {
        return isoCode.name().toLowerCase(Locale.ROOT);
    }

    private static IsoCode639_1 isoCode(String code) {
        try {
            return IsoCode639_1.valueOf(code.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("not an ISO 639-1 code Lingua knows: " + code, e);
        }
    }

    private static String declaredCode(String declared) {
        if (declared == null) {
            return null;
        }
        String code = declared.strip().toLowerCase(Locale.ROOT);
        int subtag = indexOfSubtag(code);
        if (subtag >= 0) {
            code = code.substring(0, subtag);
        }
        return code.length() == 2 && isAsciiLetter(code.charAt(0)) && isAsciiLetter(code.charAt(1)) ? code : null;
    }

    private static int indexOfSubtag(String tag) {
        int dash = tag.indexOf('-');
        int underscore = tag.indexOf('_');
        return dash < 0 ? underscore : underscore < 0 ? dash : Math.min(dash, underscore);
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static String sample(String text) {
        if (text.length() <= MAX_SAMPLE_CHARS) {
            return text;
        }
        int end = MAX_SAMPLE_CHARS;
        while (end > MAX_SAMPLE_CHARS / 2 && !Character.isWhitespace(text.charAt(end))) {
            end--;
        }
        return text.substring(0, end);
    }

    private static int letters(String text) {
        int count = 0;
        for (int i = 0; i < text.length() && count < MIN_LETTERS; i++) {
            if (Character.isLetter(text.charAt(i))) {
                count++;
            }
        }
        return count;
    }
}
