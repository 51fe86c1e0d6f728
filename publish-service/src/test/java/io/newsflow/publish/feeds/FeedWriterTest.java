package io.newsflow.publish.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;
import java.util.Set;

import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.input.SAXBuilder;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;

/**
 * The real writers, read back by Rome's real parser and checked against a JSON Schema written from the JSON Feed 1.1
 * spec; the articles are made up here.
 */
class FeedWriterTest {

    private static final String TITLE = "Newsflow";
    private static final String SELF = "https://news.example/feeds/rss?language=fr";
    private static final String HOME = "https://news.example/read?language=fr";
    private static final Namespace ATOM = Namespace.getNamespace("http://www.w3.org/2005/Atom");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final FeedItem RABAT = new FeedItem("5f1c2a", 2, "Rabat & Casablanca <live>",
            "https://bladi.net/rabat.html", "A.T", OffsetDateTime.parse("2023-01-18T15:20:00+01:00"),
            Instant.parse("2023-01-18T14:25:00Z"), "Le conseil se réunit à Rabat.",
            "<p>Le conseil <b>se réunit</b>. <a href=\"/suite\">Suite</a></p>",
            List.of("politics", "crime, law and justice"), "fr", "bladi.net");
    private static final FeedItem BARE = new FeedItem("9e8d7c", 1, "مجلس الحكومة", null, null, null,
            Instant.parse("2023-01-19T08:00:00Z"), null, null, List.of(), "ar", "hespress.com");
    private static final List<FeedItem> ITEMS = List.of(BARE, RABAT);

    @Test
    void rssReadsBackAsRss2WithEveryArticleField() throws Exception {
        SyndFeed feed = parse(FeedWriter.rss(TITLE, SELF, HOME, ITEMS));

        assertEquals("rss_2.0", feed.getFeedType());
        assertEquals(TITLE, feed.getTitle());
        assertEquals(HOME, feed.getLink());
        assertEquals(TITLE, feed.getDescription());
        SyndEntry rabat = feed.getEntries().get(1);
        assertEquals("Rabat & Casablanca <live>", rabat.getTitle());
        assertEquals("https://bladi.net/rabat.html", rabat.getLink());
        assertEquals("5f1c2a", rabat.getUri());
        assertEquals(Date.from(Instant.parse("2023-01-18T14:20:00Z")), rabat.getPublishedDate());
        assertEquals("Le conseil se réunit à Rabat.", rabat.getDescription().getValue());
        assertEquals("<p>Le conseil <b>se réunit</b>. "
                + "<a href=\"https://bladi.net/suite\" rel=\"nofollow noopener\">Suite</a></p>",
                rabat.getContents().get(0).getValue());
        assertEquals(List.of("politics", "crime, law and justice"),
                rabat.getCategories().stream().map(SyndCategory::getName).toList());
        assertEquals("A.T", rabat.getAuthor());
        assertEquals("مجلس الحكومة", feed.getEntries().get(0).getTitle());
    }

    @Test
    void rssGuidsAreArticleIdsNotPermalinksAndTheChannelLinksToItself() throws Exception {
        Element channel = xml(FeedWriter.rss(TITLE, SELF, HOME, ITEMS)).getRootElement().getChild("channel");

        for (Element item : channel.getChildren("item")) {
            assertEquals("false", item.getChild("guid").getAttributeValue("isPermaLink"));
        }
        Element self = channel.getChild("link", ATOM);
        assertEquals("self", self.getAttributeValue("rel"));
        assertEquals(SELF, self.getAttributeValue("href"));
        assertEquals(FeedWriter.RSS_MEDIA_TYPE, self.getAttributeValue("type"));
        Namespace content = Namespace.getNamespace("http://purl.org/rss/1.0/modules/content/");
        assertTrue(channel.getChildren("item").get(1).getChild("encoded", content).getText().startsWith("<p>"));
    }

    @Test
    void rssDescriptionIsThePlainSummaryEscapedForReadersThatTakeItAsHtml() throws Exception {
        FeedItem item = new FeedItem("1", 1, "t", null, null, null, Instant.EPOCH, "Fish & <chips>", null, List.of(),
                null, null);

        SyndEntry entry = parse(FeedWriter.rss(TITLE, SELF, HOME, List.of(item))).getEntries().get(0);

        assertEquals("Fish &amp; &lt;chips&gt;", entry.getDescription().getValue());
    }

    @Test
    void atomReadsBackWithUrnIdsDatesAuthorSummaryContentAndLinks() throws Exception {
        SyndFeed feed = parse(FeedWriter.atom(TITLE, SELF, HOME, ITEMS));

        assertEquals("atom_1.0", feed.getFeedType());
        assertEquals(SELF, feed.getUri());
        assertEquals(Date.from(BARE.updatedAt()), feed.getPublishedDate());
        assertEquals(Set.of("self " + SELF, "alternate " + HOME),
                Set.copyOf(feed.getLinks().stream().map(l -> l.getRel() + " " + l.getHref()).toList()));
        SyndEntry rabat = feed.getEntries().get(1);
        assertEquals("urn:newsflow:article:5f1c2a", rabat.getUri());
        assertEquals(Date.from(RABAT.updatedAt()), rabat.getUpdatedDate());
        assertEquals(Date.from(RABAT.publishedAt().toInstant()), rabat.getPublishedDate());
        assertEquals("A.T", rabat.getAuthors().get(0).getName());
        assertEquals("text", rabat.getDescription().getType());
        assertEquals("Le conseil se réunit à Rabat.", rabat.getDescription().getValue());
        assertEquals("html", rabat.getContents().get(0).getType());
        assertTrue(rabat.getContents().get(0).getValue().contains("rel=\"nofollow noopener\""));
        SyndLink alternate = rabat.getLinks().get(0);
        assertEquals("alternate", alternate.getRel());
        assertEquals("https://bladi.net/rabat.html", alternate.getHref());
    }

    @Test
    void atomEntryWithoutAuthorLinkOrHtmlStaysValid() throws Exception {
        Element entry = xml(FeedWriter.atom(TITLE, SELF, HOME, ITEMS)).getRootElement().getChildren("entry", ATOM)
                .get(0);

        // Atom requires an author (here the source stands in) and, without an alternate link, a content element.
        assertEquals("hespress.com", entry.getChild("author", ATOM).getChildText("name", ATOM));
        assertEquals("text", entry.getChild("content", ATOM).getAttributeValue("type"));
        assertNull(entry.getChild("link", ATOM));
        assertEquals(TITLE, xml(FeedWriter.atom(TITLE, SELF, HOME, ITEMS)).getRootElement()
                .getChild("author", ATOM).getChildText("name", ATOM));
    }

    @Test
    void anArticleWithoutItsOwnDateIsDatedWhenNewsflowFirstPublishedItInEveryFormat() throws Exception {
        Instant first = Instant.parse("2023-01-19T08:00:00Z");
        Instant revised = Instant.parse("2023-01-20T10:30:00Z");
        FeedItem undated = new FeedItem("u1", 2, "Sans date", "https://news.example/u1", null, null, revised, null,
                null, List.of(), "fr", "news.example", first);

        SyndEntry rss = parse(FeedWriter.rss(TITLE, SELF, HOME, List.of(undated))).getEntries().get(0);
        SyndEntry atom = parse(FeedWriter.atom(TITLE, SELF, HOME, List.of(undated))).getEntries().get(0);
        JsonNode json = JSON.readTree(FeedWriter.jsonFeed(TITLE, SELF, HOME, List.of(undated))).get("items").get(0);

        assertEquals(Date.from(first), rss.getPublishedDate());
        assertEquals(Date.from(first), atom.getPublishedDate());
        assertEquals(Date.from(revised), atom.getUpdatedDate());
        assertEquals(first, Instant.parse(json.get("date_published").asText()));
        assertEquals(revised, Instant.parse(json.get("date_modified").asText()));
    }

    @Test
    void jsonFeedIsValidJsonFeed11AndKeepsTheArticleOffset() throws Exception {
        JsonNode feed = JSON.readTree(FeedWriter.jsonFeed(TITLE, SELF, HOME, ITEMS));

        assertEquals(Set.of(), jsonFeedSchema().validate(feed));
        assertEquals("https://jsonfeed.org/version/1.1", feed.get("version").asText());
        assertEquals(HOME, feed.get("home_page_url").asText());
        assertEquals(SELF, feed.get("feed_url").asText());
        JsonNode rabat = feed.get("items").get(1);
        assertEquals("5f1c2a", rabat.get("id").asText());
        assertEquals("2023-01-18T15:20:00+01:00", rabat.get("date_published").asText());
        assertEquals("A.T", rabat.get("authors").get(0).get("name").asText());
        assertEquals("fr", rabat.get("language").asText());
        assertEquals("politics", rabat.get("tags").get(0).asText());
        assertEquals("Le conseil se réunit à Rabat.", rabat.get("summary").asText());
        assertTrue(rabat.get("content_html").asText().startsWith("<p>Le conseil <b>"));
        assertEquals("", feed.get("items").get(0).get("content_text").asText());
    }

    @Test
    void schemaHasTeethAgainstFeedsThatBreakTheSpec() throws Exception {
        ObjectNode feed = (ObjectNode) JSON.readTree(FeedWriter.jsonFeed(TITLE, SELF, HOME, List.of(RABAT)));
        ObjectNode item = (ObjectNode) feed.get("items").get(0);
        item.put("date_published", "18/01/2023 15:20");
        item.remove("content_html");
        feed.put("home_page_url", "/read");
        JsonSchema schema = jsonFeedSchema();

        assertEquals(Set.of("/home_page_url", "/items/0/date_published", "/items/0"), Set.copyOf(
                schema.validate(feed).stream().map(m -> m.getInstanceLocation().toString()).toList()));
        feed.remove("items");
        assertFalse(schema.validate(feed).isEmpty());
    }

    @Test
    void emptyFeedsAreValidAndDatedAtTheEpochRatherThanNow() throws Exception {
        SyndFeed atom = parse(FeedWriter.atom(TITLE, SELF, HOME, List.of()));
        SyndFeed rss = parse(FeedWriter.rss(TITLE, SELF, HOME, List.of()));
        JsonNode json = JSON.readTree(FeedWriter.jsonFeed(TITLE, SELF, HOME, List.of()));

        assertEquals(new Date(0), atom.getPublishedDate());
        assertTrue(rss.getEntries().isEmpty());
        assertEquals(Set.of(), jsonFeedSchema().validate(json));
    }

    @Test
    void equalArgumentsGiveEqualBytesAsAStrongEtagPromises() {
        assertEquals(FeedWriter.rss(TITLE, SELF, HOME, ITEMS), FeedWriter.rss(TITLE, SELF, HOME, ITEMS));
        assertEquals(FeedWriter.atom(TITLE, SELF, HOME, ITEMS), FeedWriter.atom(TITLE, SELF, HOME, ITEMS));
        assertEquals(FeedWriter.jsonFeed(TITLE, SELF, HOME, ITEMS), FeedWriter.jsonFeed(TITLE, SELF, HOME, ITEMS));
    }

    @Test
    void scriptsHandlersAndNonWebLinksReachNoFeed() throws Exception {
        FeedItem hostile = new FeedItem("x1", 1, "t", "javascript:alert(1)", null, null, Instant.EPOCH, null,
                "<p onclick=\"steal()\">Hi<script>alert(1)</script><a href=\"javascript:alert(2)\">x</a></p>",
                List.of(), null, null);

        for (String out : List.of(FeedWriter.rss(TITLE, SELF, HOME, List.of(hostile)),
                FeedWriter.atom(TITLE, SELF, HOME, List.of(hostile)),
                FeedWriter.jsonFeed(TITLE, SELF, HOME, List.of(hostile)))) {
            assertFalse(out.contains("alert"), out);
            assertFalse(out.contains("steal"), out);
            assertTrue(out.contains("Hi"), out);
        }
    }

    @Test
    void charactersXmlCannotCarryAreDroppedRatherThanFailingTheFeed() throws Exception {
        FeedItem item = new FeedItem("c1", 1, "Bell\u0007 and \uD800lone", null, null, null, Instant.EPOCH, "a\u0000b",
                "<p>x\u000By</p>", List.of(), null, null);

        assertEquals("Bell and lone", parse(FeedWriter.rss(TITLE, SELF, HOME, List.of(item))).getEntries().get(0)
                .getTitle());
        assertEquals("ab", parse(FeedWriter.atom(TITLE, SELF, HOME, List.of(item))).getEntries().get(0)
                .getDescription().getValue());
    }

    @Test
    void etagIsStrongAndChangesWithAnyRevisionOrderOrVariant() {
        String etag = FeedWriter.etag(ITEMS, "rss?language=fr");
        FeedItem revised = new FeedItem(RABAT.id(), 3, RABAT.title(), RABAT.url(), RABAT.author(),
                RABAT.publishedAt(), RABAT.updatedAt(), RABAT.summary(), RABAT.contentHtml(), RABAT.categories(),
                RABAT.language(), RABAT.source());

        assertTrue(etag.matches("\"[A-Za-z0-9_-]{22}\""), etag);
        assertEquals(etag, FeedWriter.etag(List.copyOf(ITEMS), "rss?language=fr"));
        assertNotEquals(etag, FeedWriter.etag(List.of(BARE, revised), "rss?language=fr"));
        assertNotEquals(etag, FeedWriter.etag(List.of(RABAT, BARE), "rss?language=fr"));
        assertNotEquals(etag, FeedWriter.etag(List.of(BARE), "rss?language=fr"));
        assertNotEquals(etag, FeedWriter.etag(ITEMS, "atom?language=fr"));
        assertNotEquals(etag, FeedWriter.etag(ITEMS, "rss"));
    }

    private static SyndFeed parse(String xml) throws FeedException {
        return new SyndFeedInput().build(new StringReader(xml));
    }

    private static Document xml(String xml) throws JDOMException, IOException {
        return new SAXBuilder().build(new StringReader(xml));
    }

    private static JsonSchema jsonFeedSchema() throws IOException {
        try (InputStream in = FeedWriterTest.class.getResourceAsStream("/jsonfeed-1.1.schema.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in,
                    SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        }
    }
}
