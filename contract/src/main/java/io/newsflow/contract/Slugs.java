package io.newsflow.contract;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;

/**
 * Lower-case ASCII slugs ({@code ^[a-z0-9]+(-[a-z0-9]+)*$}) for filters and URLs: {@code Israël} → {@code israel},
 * {@code coopération militaire} → {@code cooperation-militaire}, {@code المغرب} → {@code almghrb}.
 *
 * <p>Latin letters lose their accents through Unicode decomposition. Arabic letters are transliterated with a
 * one-letter-to-few-letters table, because no maintained Java transliterator ships with the JDK and a readable,
 * stable slug beats a hash in a URL; the table ignores short vowels (Arabic text rarely writes them), so two
 * words can share a slug, which is acceptable for a filter key. Text with nothing left to spell (another script,
 * only symbols) gets {@code x} and a short hex digest of the text, so it still has a stable, valid slug.
 */
public final class Slugs {

    private static final String[] ARABIC = new String[0x0700 - 0x0600];

    // Letters carrying a hamza or madda decompose (NFKD) to their base letter, so the table needs only bases.
    static {
        String[][] table = {
                {"ا", "a"}, {"ب", "b"},
                {"ة", "a"}, {"ت", "t"}, {"ث", "th"}, {"ج", "j"}, {"ح", "h"}, {"خ", "kh"}, {"د", "d"}, {"ذ", "dh"},
                {"ر", "r"}, {"ز", "z"}, {"س", "s"}, {"ش", "sh"}, {"ص", "s"}, {"ض", "d"}, {"ط", "t"}, {"ظ", "z"},
                {"ع", "a"}, {"غ", "gh"}, {"ف", "f"}, {"ق", "q"}, {"ك", "k"}, {"ل", "l"}, {"م", "m"}, {"ن", "n"},
                {"ه", "h"}, {"و", "w"}, {"ى", "a"}, {"ي", "y"}, {"ٱ", "a"}, {"پ", "p"}, {"چ", "ch"}, {"ڤ", "v"},
                {"ک", "k"}, {"گ", "g"}, {"ی", "y"},
                {"٠", "0"}, {"١", "1"}, {"٢", "2"}, {"٣", "3"}, {"٤", "4"}, {"٥", "5"}, {"٦", "6"}, {"٧", "7"},
                {"٨", "8"}, {"٩", "9"}, {"۰", "0"}, {"۱", "1"}, {"۲", "2"}, {"۳", "3"}, {"۴", "4"}, {"۵", "5"},
                {"۶", "6"}, {"۷", "7"}, {"۸", "8"}, {"۹", "9"}};
        for (String[] entry : table) {
            ARABIC[entry[0].charAt(0) - 0x0600] = entry[1];
        }
    }

    private Slugs() {
    }

    public static String slug(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("cannot slug a blank text");
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder out = new StringBuilder(decomposed.length());
        boolean pendingDash = false;
        for (int i = 0; i < decomposed.length(); i++) {
            String ascii = ascii(decomposed.charAt(i));
            if (ascii == null) {
                continue;
            }
            if (ascii.isEmpty()) {
                pendingDash = true;
                continue;
            }
            if (pendingDash && out.length() > 0) {
                out.append('-');
            }
            pendingDash = false;
            out.append(ascii);
        }
        return out.length() > 0 ? out.toString() : "x" + digest(text);
    }

    /**
     * The ASCII spelling of one decomposed character: letters and digits as such, {@code ""} for a separator and
     * {@code null} for something that neither spells nor separates (combining accents, tatweel, unknown scripts).
     */
    private static String ascii(char c) {
        if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
            return String.valueOf(c);
        }
        if (c >= 'A' && c <= 'Z') {
            return String.valueOf((char) (c + ('a' - 'A')));
        }
        if (c >= 0x0600 && c < 0x0700 && ARABIC[c - 0x0600] != null) {
            return ARABIC[c - 0x0600];
        }
        String special = switch (c) {
            case 'ß' -> "ss";
            case 'æ', 'Æ' -> "ae";
            case 'œ', 'Œ' -> "oe";
            case 'ø', 'Ø' -> "o";
            case 'đ', 'Đ', 'ð', 'Ð' -> "d";
            case 'ł', 'Ł' -> "l";
            case 'ı' -> "i";
            case 'þ', 'Þ' -> "th";
            default -> null;
        };
        if (special != null) {
            return special;
        }
        int type = Character.getType(c);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.COMBINING_SPACING_MARK || type == Character.FORMAT) {
            return null;
        }
        if (Character.isLetterOrDigit(c)) {
            return null;
        }
        return "";
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.strip().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
