package io.newsflow.extraction;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A lower-cased, accent-free view of a text that remembers where each of its characters came from, so that rules are
 * written once ("a lire" matches "À lire", "A LIRE" and "à lire") and still cut the original, typographic text.
 */
final class Folded {

    /** Letters or digits may not continue after a phrase, so "jan" does not match inside "janvier". */
    static final String END_OF_WORD = "(?![\\p{L}\\p{N}])";

    private final String original;
    private final String text;
    private final int[] origins;

    private Folded(String original, String text, int[] origins) {
        this.original = original;
        this.text = text;
        this.origins = origins;
    }

    static Folded of(String original) {
        StringBuilder folded = new StringBuilder(original.length());
        int[] origins = new int[original.length() + 1];
        for (int i = 0; i < original.length();) {
            int codePoint = original.codePointAt(i);
            for (char c : fold(codePoint).toCharArray()) {
                if (folded.length() + 1 >= origins.length) {
                    origins = Arrays.copyOf(origins, origins.length * 2);
                }
                origins[folded.length()] = i;
                folded.append(c);
            }
            i += Character.charCount(codePoint);
        }
        origins[folded.length()] = original.length();
        return new Folded(original, folded.toString(), Arrays.copyOf(origins, folded.length() + 1));
    }

    static String fold(String s) {
        return of(s).text;
    }

    /** A regex alternation of the folded phrases, longest first so that "a lire aussi" wins over "a lire". */
    static String anyOf(Stream<String> phrases) {
        return phrases.map(Folded::fold)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(phrase -> Arrays.stream(phrase.split("[\\s-]+")).map(Pattern::quote)
                        .collect(Collectors.joining("[\\s-]+")))
                .collect(Collectors.joining("|", "(?:", ")"));
    }

    static String anyOf(String... phrases) {
        return anyOf(Arrays.stream(phrases));
    }

    static Set<String> setOf(String... words) {
        return Arrays.stream(words).map(Folded::fold).collect(Collectors.toUnmodifiableSet());
    }

    String text() {
        return text;
    }

    /** The original characters behind the folded range [start, end). */
    String original(int start, int end) {
        return original.substring(origins[start], origins[end]);
    }

    private static String fold(int codePoint) {
        if (Character.isDigit(codePoint)) {
            // Arabic-Indic and other native digits read as the ASCII digits dates and rules are written with.
            return String.valueOf((char) ('0' + Character.digit(codePoint, 10)));
        }
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
            return " ";
        }
        return switch (codePoint) {
            case '\u2019', '\u2018', '\u02BC' -> "'";
            // Tatweel only stretches Arabic words; zero-width characters only steer rendering.
            case '\u0640', '\u200B', '\uFEFF', '\u2060' -> "";
            default -> foldLetter(codePoint);
        };
    }

    private static String foldLetter(int codePoint) {
        String decomposed = Normalizer.normalize(new String(Character.toChars(codePoint)).toLowerCase(Locale.ROOT),
                Normalizer.Form.NFD);
        StringBuilder kept = new StringBuilder(decomposed.length());
        for (char c : decomposed.toCharArray()) {
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                // Accents, Arabic short vowels and hamza marks: writers use them inconsistently.
                continue;
            }
            kept.append(switch (c) {
                case '\u0649' -> '\u064A'; // alif maqsura written for a final ya
                case '\u0629' -> '\u0647'; // ta marbuta written as ha
                default -> c;
            });
        }
        return kept.toString();
    }
}
