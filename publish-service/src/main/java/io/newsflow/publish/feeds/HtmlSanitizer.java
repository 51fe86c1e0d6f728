package io.newsflow.publish.feeds;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Article HTML made safe to show on our pages and to put in our feeds. Whatever a source page carried, the result has
 * no script, style, frame, form, event handler or {@code javascript:} URL; links are absolute and marked
 * {@code rel="nofollow noopener"}; images are kept only from absolute https URLs.
 */
public final class HtmlSanitizer {

    // Images over plain http would make our https pages mixed content.
    private static final Safelist SAFELIST = Safelist.relaxed()
            .removeProtocols("a", "href", "ftp")
            .removeProtocols("img", "src", "http")
            .addEnforcedAttribute("a", "rel", "nofollow noopener");

    private HtmlSanitizer() {
    }

    /**
     * The safe part of {@code html}, as body HTML.
     *
     * @param baseUrl the article's own URL, against which relative links and images are made absolute; without it
     *                they are dropped
     * @return {@code ""} for null input
     */
    public static String sanitize(String html, String baseUrl) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document dirty = Jsoup.parseBodyFragment(html, baseUrl == null ? "" : baseUrl);
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        // The cleaner drops unsafe attributes but keeps their elements: an image without its source is an empty box,
        // and a link without its target is just text.
        clean.select("img:not([src])").remove();
        clean.select("a:not([href])").unwrap();
        return bodyHtml(clean);
    }

    /**
     * Plain text as HTML: each run of lines separated by a blank line becomes a {@code <p>}, single line breaks
     * inside it a {@code <br>}, and every character is escaped.
     *
     * @return {@code ""} for null input
     */
    public static String paragraphs(String plainText) {
        if (plainText == null) {
            return "";
        }
        Document doc = Document.createShell("");
        // One kind of line break first: otherwise a CRLF could pass for a CR and an LF, that is, for a blank line.
        String text = plainText.replace("\r\n", "\n").replace('\r', '\n').strip();
        for (String paragraph : text.split("\n\\h*\n\\s*")) {
            if (paragraph.isBlank()) {
                continue;
            }
            Element p = doc.body().appendElement("p");
            // Split on the line breaks alone, then trim each line: a pattern with "\h*" on both sides of the break
            // backtracked quadratically over a long run of spaces, on every feed request and reader page.
            String[] lines = paragraph.strip().split("\n");
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    p.appendElement("br");
                }
                p.appendText(stripHorizontal(lines[i]));
            }
        }
        return bodyHtml(doc);
    }

    /** Without the horizontal white space ({@code \h}: spaces, tabs, no-break spaces...) at either end. */
    static String stripHorizontal(String line) {
        int from = 0;
        int to = line.length();
        while (from < to && horizontal(line.charAt(from))) {
            from++;
        }
        while (to > from && horizontal(line.charAt(to - 1))) {
            to--;
        }
        return line.substring(from, to);
    }

    private static boolean horizontal(char c) {
        return c == ' ' || c == '\t' || c == '\u00A0' || c == '\u1680' || c == '\u180E'
                || c >= '\u2000' && c <= '\u200A' || c == '\u202F' || c == '\u205F' || c == '\u3000';
    }

    private static String bodyHtml(Document doc) {
        // Pretty printing would add whitespace that changes how inline text renders.
        doc.outputSettings().prettyPrint(false);
        return doc.body().html();
    }
}
