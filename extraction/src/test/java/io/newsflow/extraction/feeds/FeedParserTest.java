package io.newsflow.extraction.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * The real parser (Rome on a hardened JDK XML parser, Jackson) on fixture feeds under {@code feeds/} written for
 * these tests; the one network test uses a real HTTP server on loopback.
 */
class FeedParserTest {

    private final FeedParser parser = new FeedParser();

    @Test
    void readsRss2KeepingTheOffsetThePublisherPrinted() throws IOException {
        ParsedFeed feed = parse("rss2.xml", "application/rss+xml", "https://journal.example.fr/rss.xml");

        assertEquals("Le Journal – Actualités", feed.title());
        assertEquals(URI.create("https://journal.example.fr/"), feed.siteUrl());
        assertEquals("fr", feed.language());
        FeedEntry accord = feed.entries().get(0);
        assertEquals("journal-2023-0118-42", accord.id());
        assertEquals(URI.create("https://journal.example.fr/monde/maroc-israel-accord.html"), accord.url());
        assertEquals("Le Maroc et Israël signent un accord", accord.title());
        assertEquals("Amina Benali", accord.author());
        assertEquals(OffsetDateTime.parse("2023-01-18T15:20:00+01:00"), accord.publishedAt());
        assertEquals("+01:00", accord.publishedAt().getOffset().getId());
        assertEquals(List.of("Monde", "Diplomatie"), accord.categories());
        assertTrue(accord.contentHtml().startsWith("<p>Rabat et Jérusalem"), accord.contentHtml());
        assertFalse(accord.teaserOnly());
    }

    @Test
    void readsHtmlEntitiesThatXmlDoesNotDefine() throws IOException {
        FeedEntry accord = parse("rss2.xml", null, "https://journal.example.fr/rss.xml").entries().get(0);

        assertEquals("Rabat et Jérusalem ont signé\u00A0mercredi un accord de coopération.", accord.summaryHtml());
    }

    @Test
    void marksAnEntryWithOnlyAShortDescriptionAsATeaser() throws IOException {
        FeedEntry weather = parse("rss2.xml", null, "https://journal.example.fr/rss.xml").entries().get(1);

        assertTrue(weather.teaserOnly());
        assertNull(weather.contentHtml());
        assertEquals(URI.create("https://journal.example.fr/meteo/week-end.html"), weather.url());
        assertEquals("https://journal.example.fr/meteo/week-end.html", weather.id());
        assertEquals("Paul Martin", weather.author());
        assertEquals(OffsetDateTime.parse("2023-01-19T08:05:00-05:00"), weather.publishedAt());
    }

    @Test
    void findsTheHubAndSelfLinksOfAnRssChannel() throws IOException {
        ParsedFeed feed = parse("rss2.xml", null, "https://journal.example.fr/rss.xml");

        assertEquals(URI.create("https://journal.example.fr/rss.xml"), feed.selfUrl());
        assertEquals(URI.create("https://pubsubhubbub.appspot.com/"), feed.hubUrl());
    }

    @Test
    void readsRss1RdfWithDublinCoreDates() throws IOException {
        ParsedFeed feed = parse("rdf.xml", "application/rdf+xml", "https://zeitung.example.de/rss");

        assertEquals("Die Zeitung", feed.title());
        assertEquals("de", feed.language());
        assertEquals(2, feed.entries().size());
        FeedEntry wahl = feed.entries().get(0);
        assertEquals("Wahl in Berlin wird wiederholt", wahl.title());
        assertEquals(URI.create("https://zeitung.example.de/politik/wahl-2023"), wahl.url());
        assertEquals("Karl Schmidt", wahl.author());
        assertEquals(OffsetDateTime.parse("2023-01-18T15:20:00+01:00"), wahl.publishedAt());
        assertEquals("+01:00", wahl.publishedAt().getOffset().getId());
        assertEquals(List.of("Politik"), wahl.categories());
        assertTrue(wahl.teaserOnly());
    }

    @Test
    void readsAtomWithItsHubSelfAndAlternateLinks() throws IOException {
        ParsedFeed feed = parse("atom.xml", "application/atom+xml", "https://news.example.com/atom.xml");

        assertEquals("Example News", feed.title());
        assertEquals(URI.create("https://news.example.com/"), feed.siteUrl());
        assertEquals(URI.create("https://news.example.com/atom.xml"), feed.selfUrl());
        assertEquals(URI.create("https://websub.example.net/hub"), feed.hubUrl());
        assertEquals("en", feed.language());
        FeedEntry budget = feed.entries().get(0);
        assertEquals("tag:news.example.com,2023:budget", budget.id());
        assertEquals(URI.create("https://news.example.com/politics/budget"), budget.url());
        assertEquals("Senate passes budget bill", budget.title());
        assertEquals("Jane Doe", budget.author());
        assertEquals(OffsetDateTime.parse("2023-01-18T09:20:00-05:00"), budget.publishedAt());
        assertEquals("-05:00", budget.publishedAt().getOffset().getId());
        assertEquals(OffsetDateTime.parse("2023-01-19T10:00:00-05:00"), budget.updatedAt());
        assertEquals("The vote was 52 to 48 &amp; the bill goes to the House.", budget.summaryHtml());
        assertEquals("<p>The vote was 52 to 48.</p>", budget.contentHtml());
        assertEquals(List.of("Politics"), budget.categories());
    }

    @Test
    void givesAnAtomEntryTheFeedsAuthorAndItsUpdateDateWhenItHasNoneOfItsOwn() throws IOException {
        FeedEntry storm = parse("atom.xml", null, "https://news.example.com/atom.xml").entries().get(1);

        assertEquals("Example Newsroom", storm.author());
        assertEquals(OffsetDateTime.parse("2023-01-19T06:30:00Z"), storm.publishedAt());
        assertEquals(List.of("weather"), storm.categories());
        assertTrue(storm.teaserOnly());
    }

    @Test
    void readsJsonFeed11WithItsWebSubHub() throws IOException {
        ParsedFeed feed = parse("jsonfeed.json", "application/feed+json", "https://akhbar.example.ma/feed.json");

        assertEquals("الأخبار", feed.title());
        assertEquals(URI.create("https://akhbar.example.ma/"), feed.siteUrl());
        assertEquals(URI.create("https://akhbar.example.ma/feed.json"), feed.selfUrl());
        assertEquals(URI.create("https://websub.example.net/hub"), feed.hubUrl());
        assertEquals("ar", feed.language());
        FeedEntry accord = feed.entries().get(0);
        assertEquals("2023-01-18-accord", accord.id());
        assertEquals("أمينة بنعلي", accord.author());
        assertEquals(OffsetDateTime.parse("2023-01-18T15:20:00+01:00"), accord.publishedAt());
        assertEquals("+01:00", accord.publishedAt().getOffset().getId());
        assertEquals(OffsetDateTime.parse("2023-01-18T16:00:00+01:00"), accord.updatedAt());
        assertEquals(List.of("سياسة", "دبلوماسية"), accord.categories());
        assertEquals("اتفاقية جديدة بين البلدين", accord.summaryHtml());
        assertFalse(accord.teaserOnly());
    }

    @Test
    void escapesJsonFeedPlainTextAndMarksItATeaserWhenShort() throws IOException {
        FeedEntry weather = parse("jsonfeed.json", null, "https://akhbar.example.ma/feed.json").entries().get(1);

        assertEquals("أمطار متوقعة يوم الأحد &amp; رياح قوية.", weather.contentHtml());
        assertEquals(URI.create("https://akhbar.example.ma/meteo"), weather.url());
        assertEquals("هيئة التحرير", weather.author());
        assertTrue(weather.teaserOnly());
    }

    @Test
    void decodesALatin1FeedThatDeclaresItsCharsetOnlyInTheXmlProlog() throws FeedException {
        String feed = """
                <?xml version="1.0" encoding="ISO-8859-1"?>
                <rss version="2.0"><channel><title>Café crème</title><link>https://cafe.example.fr/</link>
                <item><title>L'été arrive</title><link>https://cafe.example.fr/ete</link></item></channel></rss>
                """;

        ParsedFeed parsed = new FeedParser().parse(feed.getBytes(StandardCharsets.ISO_8859_1), null,
                "application/rss+xml", URI.create("https://cafe.example.fr/rss"));

        assertEquals("Café crème", parsed.title());
        assertEquals("L'été arrive", parsed.entries().get(0).title());
    }

    @Test
    void refusesAnXxeFeedWithoutReadingTheFile() {
        FeedException refused = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(FeedException.class, () -> parse("xxe.xml", null, null)));

        assertTrue(refused.getMessage().contains("DOCTYPE"), refused.getMessage());
        assertFalse(refused.getMessage().contains("root:"), "the message must not leak /etc/passwd");
    }

    @Test
    void refusesABillionLaughsFeedQuickly() {
        FeedException refused = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(FeedException.class, () -> parse("billion-laughs.xml", null, null)));

        assertTrue(refused.getMessage().contains("DOCTYPE"), refused.getMessage());
    }

    @Test
    void neverFetchesAnExternalDtd() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        try {
            String feed = """
                    <?xml version="1.0"?>
                    <!DOCTYPE rss SYSTEM "http://127.0.0.1:%d/evil.dtd">
                    <rss version="2.0"><channel><title>&evil;</title></channel></rss>
                    """.formatted(server.getAddress().getPort());

            assertThrows(FeedException.class,
                    () -> parser.parse(feed.getBytes(StandardCharsets.UTF_8), null, "application/rss+xml", null));
            assertEquals(0, requests.get());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void refusesADocumentThatIsNotAFeed() {
        byte[] html = "<html><body><p>Not a feed</p></body></html>".getBytes(StandardCharsets.UTF_8);

        FeedException refused = assertThrows(FeedException.class, () -> parser.parse(html, null, "text/html", null));

        assertTrue(refused.getMessage().contains("not an RSS or Atom feed"), refused.getMessage());
    }

    @Test
    void refusesJsonThatIsNotAJsonFeed() {
        byte[] json = "{\"version\": \"2\", \"items\": []}".getBytes(StandardCharsets.UTF_8);

        FeedException refused = assertThrows(FeedException.class,
                () -> parser.parse(json, null, "application/json", null));

        assertTrue(refused.getMessage().contains("not a JSON Feed"), refused.getMessage());
    }

    private ParsedFeed parse(String fixture, String contentType, String feedUrl) throws IOException {
        return parser.parse(fixture(fixture), null, contentType, feedUrl == null ? null : URI.create(feedUrl));
    }

    static byte[] fixture(String name) {
        try (InputStream in = FeedParserTest.class.getResourceAsStream("/feeds/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture feeds/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void readsTheNameAfterAnAuthorsAddressInOnePass() {
        assertEquals("Jane Doe", XmlFeedReader.nameAfterEmail("jane@example.com (Jane Doe)"));
        assertEquals("Jane", XmlFeedReader.nameAfterEmail("jane@example.com(Jane)"));
        assertNull(XmlFeedReader.nameAfterEmail("Jane Doe (Rabat)"));
        assertNull(XmlFeedReader.nameAfterEmail("jane@example.com"));
        assertNull(XmlFeedReader.nameAfterEmail("jane@example.com ()"));
        // Hostile author: a long run of "@" that the old pattern backtracked over quadratically.
        String hostile = "@".repeat(200_000) + " (x";
        assertNull(assertTimeoutPreemptively(Duration.ofSeconds(5), () -> XmlFeedReader.nameAfterEmail(hostile)));
    }
}
