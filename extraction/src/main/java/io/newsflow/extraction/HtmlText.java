package io.newsflow.extraction;

/**
 * Plain text where HTML is expected: a pushed text body kept as HTML, a feed's plain-text summary. One scan per text;
 * jsoup's {@code Entities.escape}, which did this before for pushed texts, weighs every character against its output
 * charset and was a seventh of ingest-service's CPU under a stream of NDJSON pushes (JFR).
 */
public final class HtmlText {

    private HtmlText() {
    }

    /** The text, escaped so that it reads as itself in HTML content and in a quoted attribute value. */
    public static String escape(String text) {
        int first = firstToEscape(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        appendEscaped(out, text, first);
        return out.toString();
    }

    /** The text as HTML paragraphs: one {@code <p>} per paragraph, paragraphs being separated by a blank line. */
    public static String paragraphs(String text) {
        StringBuilder html = new StringBuilder(text.length() + 64);
        for (String paragraph : text.split("\n\n")) {
            html.append("<p>");
            int first = firstToEscape(paragraph);
            if (first < 0) {
                html.append(paragraph);
            } else {
                appendEscaped(html, paragraph, first);
            }
            html.append("</p>");
        }
        return html.toString();
    }

    private static int firstToEscape(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (replacement(text.charAt(i)) != null) {
                return i;
            }
        }
        return -1;
    }

    private static void appendEscaped(StringBuilder out, String text, int first) {
        out.append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement == null) {
                out.append(c);
            } else {
                out.append(replacement);
            }
        }
    }

    private static String replacement(char c) {
        return switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> null;
        };
    }
}
