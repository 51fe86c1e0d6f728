package io.newsflow.extraction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Random;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** Text into HTML, read back by jsoup's HTML parser as a browser would: plain Java, nothing else. */
class HtmlTextTest {

    @Test
    void escapesWhatHtmlWouldReadAsMarkupAndLeavesTheRestAsItIs() {
        assertEquals("Tom &amp; Jerry &lt;b&gt; &quot;quoted&quot; l&#39;été", HtmlText.escape(
                "Tom & Jerry <b> \"quoted\" l'été"));
        String plain = "Rien à échapper ici, ni là — 東京 🙂";
        assertSame(plain, HtmlText.escape(plain));
    }

    @Test
    void makesOneParagraphPerBlankLineSeparatedBlock() {
        assertEquals("<p>Un &amp; deux</p><p>trois\nquatre</p>", HtmlText.paragraphs("Un & deux\n\ntrois\nquatre"));
    }

    @Test
    void anyTextReadsBackAsItselfAsContentAndInAnAttribute() {
        // Characters that matter to HTML and some that must pass through untouched, in random mixes.
        List<String> parts = List.of("&", "<", ">", "\"", "'", "&amp;", "&lt;p&gt;", "<p>", "</p>", "<!--", "-->",
                "&#39;", "&nbsp;", "\u00a0", "é", "東", "🙂", " ", "a", "Z", "9", "=", "/", ";", "#", "\t", "\n");
        Random random = new Random(8);
        for (int n = 0; n < 3000; n++) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i >= 0; i--) {
                text.append(parts.get(random.nextInt(parts.size())));
            }
            String original = text.toString();
            String escaped = HtmlText.escape(original);
            Document read = Jsoup.parseBodyFragment("<pre>" + escaped + "</pre><a title=\"" + escaped + "\"></a>"
                    + "<a title='" + escaped + "'></a>");
            Element pre = read.selectFirst("pre");
            // The parser drops one newline right after <pre>, as browsers do: compare what follows it.
            String expected = original.startsWith("\n") ? original.substring(1) : original;
            assertEquals(expected, pre.wholeText(), "as content: " + original);
            assertEquals(original, read.select("a").get(0).attr("title"), "in a double-quoted attribute");
            assertEquals(original, read.select("a").get(1).attr("title"), "in a single-quoted attribute");
        }
    }
}
