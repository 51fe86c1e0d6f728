package io.newsflow.extraction;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * 64-bit SimHash (Charikar 2002) over word 2-shingles: texts that differ by a few words, a dateline, a footer or their
 * typography get fingerprints a few bits apart, while unrelated texts differ by about half of the 64 bits. Pairs
 * rather than triples, because a changed word then touches two features instead of three, which matters on the short
 * texts news agencies syndicate.
 */
public final class SimHash {

    private static final int SHINGLE = 2;

    private SimHash() {
    }

    /** A text's fingerprint and how many words it has: folding the text into words is most of the cost of both. */
    public record Fingerprint(long bits, int wordCount) {
    }

    public static long of(String text) {
        return of(words(text));
    }

    public static Fingerprint fingerprint(String text) {
        String[] words = words(text);
        return new Fingerprint(of(words), words.length);
    }

    private static long of(String[] words) {
        int[] weights = new int[64];
        if (words.length < SHINGLE) {
            return 0;
        }
        for (int i = 0; i + SHINGLE <= words.length; i++) {
            long hash = hash(words[i], words[i + 1]);
            for (int bit = 0; bit < 64; bit++) {
                weights[bit] += (hash >>> bit & 1) == 1 ? 1 : -1;
            }
        }
        long fingerprint = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (weights[bit] > 0) {
                fingerprint |= 1L << bit;
            }
        }
        return fingerprint;
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    public static int wordCount(String text) {
        return words(text).length;
    }

    /**
     * Case, accents and punctuation folded away: syndicated copies differ in exactly these. The words are the runs of
     * letters and numbers ({@code \p{L}}, {@code \p{N}}) of the text decomposed (NFKD), without its combining marks
     * ({@code \p{M}}), lower-cased. One scan each instead of regular expressions: on the push path this was a fifth of
     * ingest-service's CPU, and the words must stay exactly these, since stored fingerprints are compared with new ones
     * ({@code SimHashTest} holds the regular-expression definition).
     */
    public static String[] words(String text) {
        String decomposed = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD);
        // Lower-cased as a whole string, not per character: String.toLowerCase knows context (a final sigma).
        String folded = withoutMarks(decomposed).toLowerCase(Locale.ROOT);
        List<String> words = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < folded.length();) {
            int codePoint = folded.codePointAt(i);
            if (isWordPart(codePoint)) {
                if (start < 0) {
                    start = i;
                }
            } else if (start >= 0) {
                words.add(folded.substring(start, i));
                start = -1;
            }
            i += Character.charCount(codePoint);
        }
        if (start >= 0) {
            words.add(folded.substring(start));
        }
        return words.toArray(String[]::new);
    }

    private static String withoutMarks(String text) {
        int first = 0;
        while (first < text.length() && !isMark(text.codePointAt(first))) {
            first += Character.charCount(text.codePointAt(first));
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length()).append(text, 0, first);
        for (int i = first; i < text.length();) {
            int codePoint = text.codePointAt(i);
            if (!isMark(codePoint)) {
                kept.appendCodePoint(codePoint);
            }
            i += Character.charCount(codePoint);
        }
        return kept.toString();
    }

    private static boolean isMark(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isWordPart(int codePoint) {
        return Character.isLetter(codePoint) || switch (Character.getType(codePoint)) {
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> true;
            default -> false;
        };
    }

    /** FNV-1a over the shingle, then SplitMix64's finaliser so that every output bit depends on every input bit. */
    private static long hash(String a, String b) {
        long h = 0xcbf29ce484222325L;
        h = fnv(h, a);
        h = (h ^ ' ') * 0x100000001b3L;
        h = fnv(h, b);
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    private static long fnv(long h, String s) {
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001b3L;
        }
        return h;
    }
}
