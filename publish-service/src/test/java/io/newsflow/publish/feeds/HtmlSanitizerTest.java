package io.newsflow.publish.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/** The real sanitiser (jsoup underneath) on known XSS vectors and ordinary article HTML; nothing is faked. */
class HtmlSanitizerTest {

    private static final String BASE = "https://bladi.net/maroc/article.html";

    private static final List<String> VECTORS = List.of(
            "<script>alert(1)</script>",
            "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
            "<img src=x onerror=alert(1)>",
            "<img src=\"https://cdn.example/a.jpg\" onerror=\"alert(1)\">",
            "<a href=\"javascript:alert(1)\">click</a>",
            "<a href=\"JaVaScRiPt:alert(1)\">click</a>",
            "<a href=\"java&#x09;script:alert(1)\">click</a>",
            "<a href=\" javascript:alert(1)\">click</a>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">click</a>",
            "<svg onload=alert(1)><circle r=\"1\"/></svg>",
            "<iframe src=\"https://evil.example\"></iframe>",
            "<p style=\"width: expression(alert(1))\">x</p>",
            "<style>body{background:url(javascript:alert(1))}</style>",
            "<div onmouseover=\"alert(1)\">hover</div>",
            "<body onload=alert(1)>",
            "<object data=\"https://evil.example/x.swf\"></object><embed src=\"https://evil.example/x.swf\">",
            "<form action=\"https://evil.example\"><input name=\"pw\"><button>go</button></form>",
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\"><base href=\"https://evil.example/\">",
            "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
            "<a href=\"https://ok.example\" onclick=\"alert(1)\" target=\"_blank\" rel=\"opener\">ok</a>",
            "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>");

    @Test
    void neutralisesEveryXssVector() {
        for (String vector : VECTORS) {
            String clean = HtmlSanitizer.sanitize(vector, BASE);
            for (Element element : Jsoup.parseBodyFragment(clean).body().getAllElements()) {
                assertFalse(List.of("script", "style", "iframe", "svg", "math", "object", "embed", "form", "input",
                        "meta", "base", "noscript").contains(element.normalName()), vector + " -> " + clean);
                for (Attribute attribute : element.attributes()) {
                    assertFalse(attribute.getKey().startsWith("on"), vector + " -> " + clean);
                    assertFalse(attribute.getKey().equals("style"), vector + " -> " + clean);
                    String value = attribute.getValue().toLowerCase(Locale.ROOT);
                    assertFalse(value.contains("javascript:") || value.startsWith("data:"), vector + " -> " + clean);
                }
            }
            assertFalse(clean.contains("alert("), vector + " -> " + clean);
        }
    }

    @Test
    void keepsTheHarmlessPartOfAnAttackedElement() {
        assertEquals("click", HtmlSanitizer.sanitize("<a href=\"javascript:alert(1)\">click</a>", BASE));
        assertEquals("<p>x</p>", HtmlSanitizer.sanitize("<p style=\"width: expression(alert(1))\">x</p>", BASE));
        assertEquals("<div>hover</div>", HtmlSanitizer.sanitize("<div onmouseover=\"alert(1)\">hover</div>", BASE));
        assertEquals("<img src=\"https://cdn.example/a.jpg\">",
                HtmlSanitizer.sanitize("<img src=\"https://cdn.example/a.jpg\" onerror=\"alert(1)\">", BASE));
    }

    @Test
    void makesLinksAbsoluteAndNofollowNoopener() {
        assertEquals("<p>Voir <a href=\"https://bladi.net/maroc/suite.html\" rel=\"nofollow noopener\">la suite</a> et "
                + "<a href=\"https://ok.example\" rel=\"nofollow noopener\">ok</a></p>",
                HtmlSanitizer.sanitize("<p>Voir <a href=\"suite.html\">la suite</a> et "
                        + "<a href=\"https://ok.example\" target=\"_blank\" rel=\"opener\">ok</a></p>", BASE));
    }

    @Test
    void keepsImagesOnlyFromHttpsUrls() {
        assertEquals("<img src=\"https://bladi.net/img/a.jpg\" alt=\"Rabat\">",
                HtmlSanitizer.sanitize("<img src=\"/img/a.jpg\" alt=\"Rabat\">", BASE));
        assertEquals("", HtmlSanitizer.sanitize("<img src=\"http://cdn.example/a.jpg\">", BASE));
        assertEquals("", HtmlSanitizer.sanitize("<img src=\"/img/a.jpg\">", "http://plain.example/a.html"));
    }

    @Test
    void dropsRelativeLinksAndImagesWhenThereIsNoBaseUrl() {
        assertEquals("<p>la suite</p>",
                HtmlSanitizer.sanitize("<p><a href=\"suite.html\">la suite</a><img src=\"a.jpg\"></p>", null));
    }

    @Test
    void keepsArticleStructure() {
        String html = "<h2>Titre</h2><p>Un <strong>fait</strong>, une <em>date</em>.</p>"
                + "<blockquote>Citation</blockquote><ul><li>un</li><li>deux</li></ul>"
                + "<table><tbody><tr><td>1</td></tr></tbody></table>";

        assertEquals(html, HtmlSanitizer.sanitize(html, BASE));
    }

    @Test
    void nullOrBlankHtmlIsEmpty() {
        assertEquals("", HtmlSanitizer.sanitize(null, BASE));
        assertEquals("", HtmlSanitizer.sanitize("  \n", BASE));
    }

    @Test
    void paragraphsSplitOnBlankLinesAndEscapeEverything() {
        String text = "Le roi & le <gouvernement>  \r\n se réunissent.\n \n\n\"Citation\" d'un ministre. \n\n\n"
                + "<script>x</script>";

        String html = HtmlSanitizer.paragraphs(text);

        assertEquals("<p>Le roi &amp; le &lt;gouvernement&gt;<br>se réunissent.</p><p>\"Citation\" d'un ministre.</p>"
                + "<p>&lt;script&gt;x&lt;/script&gt;</p>", html);
        assertEquals(html, HtmlSanitizer.sanitize(html, BASE), "already safe, so sanitising changes nothing");
    }

    @Test
    void paragraphsOfNothingAreNothing() {
        assertEquals("", HtmlSanitizer.paragraphs(null));
        assertEquals("", HtmlSanitizer.paragraphs(" \n\n "));
        assertEquals("<p>مرحبا</p>", HtmlSanitizer.paragraphs("مرحبا"));
    }

    @Test
    void trimsLinesAndReadsALongRunOfSpacesInOnePass() {
        assertEquals("<p>un<br>deux</p><p>trois</p>", HtmlSanitizer.paragraphs("un \t\n\u00A0 deux\n\ntrois"));
        // Hostile text: 300,000 spaces and no line break, which the old split pattern backtracked over quadratically.
        String hostile = "a" + " ".repeat(300_000) + "b";
        String html = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> HtmlSanitizer.paragraphs(hostile));
        assertTrue(html.startsWith("<p>a ") && html.endsWith(" b</p>"), html.substring(0, 20));
    }
}
