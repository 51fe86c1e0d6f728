package io.newsflow.extraction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.newsflow.fixtures.Repository;

/**
 * The words a fingerprint is made of, against their definition in regular expressions (what {@link SimHash} used
 * before its single scans): fingerprints already stored are compared with new ones, so the words must not change.
 * Real sample text, hand-picked scripts and seeded random strings; nothing else.
 */
class SimHashTest {

    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** The definition: decomposed, marks dropped, lower-cased, split on everything but letters and numbers. */
    static String[] definedWords(String text) {
        String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("")
                .toLowerCase(Locale.ROOT);
        String trimmed = NOT_WORD.matcher(folded).replaceAll(" ").strip();
        return trimmed.isEmpty() ? new String[0] : trimmed.split(" ");
    }

    @Test
    void foldsTheSampleArticleIntoTheWordsOfItsDefinition() throws Exception {
        String sample = Files.readString(Repository.samples().resolve("bladi-maroc-israel-cooperation-militaire.txt"));

        assertArrayEquals(definedWords(sample), SimHash.words(sample));
        assertTrue(SimHash.words(sample).length > 300, "a whole article");
    }

    @Test
    void foldsEveryScriptCaseAndNumberAsItsDefinitionDoes() {
        for (String text : List.of("", "   ", "—", "Déjà vu, naïve CAFÉ!", "ΟΔΟΣ ΣΟΦΟΣ ἀλήθεια", "İstanbul DİYARBAKIR",
                "x² Ⅻ ½ ٣٤ 3.14 1,000", "مُحَمَّدٌ رَسُولُ", "हिन्दी भाषा", "東京都 ﾃｽﾄ ｶﾞ", "😀word𝒜𝒷c",
                "\uD800a\uDC00b", "ﬁnance ﬂow", "a\u0301\u0302b c\u20DD", "l'État—c'est moi", "\u00A0x\u2003y\t")) {
            assertArrayEquals(definedWords(text), SimHash.words(text), text);
        }
    }

    @Test
    void foldsRandomTextAsItsDefinitionDoes() {
        Random random = new Random(20261206);
        for (int n = 0; n < 5_000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(40); i > 0; i--) {
                // Mostly the Basic Multilingual Plane with its marks and punctuation, sometimes anything.
                int codePoint = random.nextInt(8) == 0 ? random.nextInt(Character.MAX_CODE_POINT + 1)
                        : random.nextInt(0x3000);
                text.appendCodePoint(codePoint);
            }
            assertArrayEquals(definedWords(text.toString()), SimHash.words(text.toString()), text::toString);
        }
    }

    @Test
    void keepsCopiesThatDifferInCaseAccentsAndPunctuationOneFingerprint() {
        assertEquals(SimHash.of("Le Maroc et Israël signent un accord de coopération militaire."),
                SimHash.of("LE MAROC ET ISRAEL -- signent un accord de cooperation militaire"));
    }
}
