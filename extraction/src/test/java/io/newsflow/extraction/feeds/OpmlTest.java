package io.newsflow.extraction.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The real reader and writer on OPML written in the test, as feed readers export it; nothing faked. */
class OpmlTest {

    @Test
    void flattensFoldersAndKeepsOnlyOutlinesWithAFeed() throws FeedException {
        String opml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <opml version="2.0">
                  <head><title>Mes abonnements</title></head>
                  <body>
                    <outline text="Presse française">
                      <outline type="rss" text="Le Monde" title="Le Monde - À la une"
                               xmlUrl="https://www.lemonde.fr/rss/une.xml" htmlUrl="https://www.lemonde.fr/"
                               language="fr"/>
                      <outline text="Maghreb">
                        <outline type="rss" text="Bladi.net" xmlUrl="https://www.bladi.net/spip.php?page=backend"/>
                      </outline>
                    </outline>
                    <outline type="rss" text="Le Monde again" xmlUrl="https://www.lemonde.fr/rss/une.xml"/>
                    <outline type="link" text="Just a page" url="https://example.com/"/>
                    <outline type="rss" text="Relative" xmlUrl="/feed.xml"/>
                  </body>
                </opml>
                """;

        List<OpmlOutline> outlines = Opml.read(opml.getBytes(StandardCharsets.UTF_8));

        assertEquals(List.of(
                new OpmlOutline("Le Monde - À la une", URI.create("https://www.lemonde.fr/rss/une.xml"),
                        URI.create("https://www.lemonde.fr/"), "fr"),
                new OpmlOutline("Bladi.net", URI.create("https://www.bladi.net/spip.php?page=backend"), null, null)),
                outlines);
    }

    @Test
    void writesOpml2ThatReadsBackTheSame() throws FeedException {
        List<OpmlOutline> outlines = List.of(
                new OpmlOutline("Tom & Jerry's <news> \"daily\"", URI.create("https://example.com/feed?a=1&b=2"),
                        URI.create("https://example.com/"), "en"),
                new OpmlOutline("الأخبار", URI.create("https://akhbar.example.ma/feed.json"), null, "ar"),
                new OpmlOutline(null, URI.create("https://untitled.example/rss"), null, null));

        String written = Opml.write("Newsflow \u0007sources", outlines);
        List<OpmlOutline> read = Opml.read(written.getBytes(StandardCharsets.UTF_8));

        assertTrue(written.contains("<opml version=\"2.0\">"), written);
        assertTrue(written.contains("<title>Newsflow sources</title>"), written);
        assertTrue(written.contains("xmlUrl=\"https://example.com/feed?a=1&amp;b=2\""), written);
        assertEquals(List.of(outlines.get(0), outlines.get(1),
                new OpmlOutline("https://untitled.example/rss", URI.create("https://untitled.example/rss"), null,
                        null)),
                read);
    }

    @Test
    void refusesOpmlWithADoctype() {
        String opml = """
                <?xml version="1.0"?>
                <!DOCTYPE opml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <opml version="2.0"><body><outline text="&secret;" xmlUrl="https://example.com/feed"/></body></opml>
                """;

        FeedException refused = assertThrows(FeedException.class,
                () -> Opml.read(opml.getBytes(StandardCharsets.UTF_8)));

        assertTrue(refused.getMessage().contains("DOCTYPE"), refused.getMessage());
    }

    @Test
    void refusesADocumentThatIsNotOpml() {
        byte[] rss = "<rss version=\"2.0\"><channel/></rss>".getBytes(StandardCharsets.UTF_8);

        FeedException refused = assertThrows(FeedException.class, () -> Opml.read(rss));

        assertTrue(refused.getMessage().startsWith("not OPML"), refused.getMessage());
    }
}
