package io.newsflow.extraction;

/**
 * Whitespace clean-up. Body text keeps no-break spaces because French typography puts them before « : ; ? ! » and
 * inside « »; labels (titles, names, tags) get plain spaces so that they compare equal however a page typed them.
 */
final class Whitespace {

    private Whitespace() {
    }

    /** Runs of whitespace become one space, or stay one no-break space when the run was only no-break spaces. */
    static String paragraph(String s) {
        return collapse(s, true);
    }

    /** Runs of whitespace of any kind become one plain space. */
    static String label(String s) {
        return collapse(s, false);
    }

    private static String collapse(String s, boolean keepNoBreak) {
        StringBuilder out = new StringBuilder(s.length());
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < s.length();) {
            int codePoint = s.codePointAt(i);
            i += Character.charCount(codePoint);
            if (isInvisible(codePoint)) {
                continue;
            }
            if (isSpace(codePoint)) {
                run.appendCodePoint(codePoint);
                continue;
            }
            if (run.length() > 0 && out.length() > 0) {
                out.append(keepNoBreak && run.chars().allMatch(Whitespace::isNoBreak) ? run.charAt(0) : ' ');
            }
            run.setLength(0);
            out.appendCodePoint(codePoint);
        }
        return out.toString();
    }

    private static boolean isSpace(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    private static boolean isNoBreak(int c) {
        return c == '\u00A0' || c == '\u202F' || c == '\u2007';
    }

    private static boolean isInvisible(int c) {
        return c == '\u200B' || c == '\uFEFF' || c == '\u2060';
    }
}
