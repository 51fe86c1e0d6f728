package io.newsflow.publish.feeds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import org.jdom2.Element;
import org.jdom2.Namespace;
import org.jsoup.nodes.Entities;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rometools.rome.feed.WireFeed;
import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.module.DCModuleImpl;
import com.rometools.rome.feed.rss.Channel;
import com.rometools.rome.feed.rss.Description;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;

/**
 * A list of articles as RSS 2.0, Atom 1.0 or JSON Feed 1.1. The output depends only on the arguments (an empty feed
 * is dated at the epoch rather than now), so equal arguments give equal bytes and {@link #etag} can be a strong ETag.
 * Item HTML is sanitised here whatever its origin, because feed readers differ in how much they sanitise themselves.
 */
public final class FeedWriter {

    public static final String RSS_MEDIA_TYPE = "application/rss+xml";
    public static final String ATOM_MEDIA_TYPE = "application/atom+xml";
    public static final String JSON_FEED_MEDIA_TYPE = "application/feed+json";

    static final String JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1";
    static final String ARTICLE_URN_PREFIX = "urn:newsflow:article:";

    private static final Namespace ATOM = Namespace.getNamespace("atom", "http://www.w3.org/2005/Atom");
    // Part of every ETag: bump it when the output for the same items changes, so caches do not keep the old bytes.
    private static final String OUTPUT_VERSION = "2";
    private static final ObjectMapper JSON = new ObjectMapper();

    private FeedWriter() {
    }

    /**
     * RSS 2.0: a guid (not a permalink) per article id, {@code description} with the summary, {@code content:encoded}
     * with the body, {@code dc:creator} for the author (RSS's own {@code author} must be an e-mail address), and an
     * {@code atom:link rel="self"}.
     */
    public static String rss(String title, String selfUrl, String alternateUrl, List<FeedItem> items) {
        Channel channel = new Channel("rss_2.0");
        channel.setEncoding("UTF-8");
        channel.setTitle(xml(title));
        channel.setLink(alternateUrl);
        channel.setDescription(xml(title));
        if (!items.isEmpty()) {
            channel.setLastBuildDate(Date.from(newest(items)));
        }
        Element self = new Element("link", ATOM);
        self.setAttribute("rel", "self");
        self.setAttribute("type", RSS_MEDIA_TYPE);
        self.setAttribute("href", selfUrl);
        channel.setForeignMarkup(List.of(self));
        channel.setItems(items.stream().map(FeedWriter::rssItem).toList());
        return output(channel);
    }

    /**
     * Atom 1.0: entry ids {@code urn:newsflow:article:<id>}, {@code published} and {@code updated}, the summary as
     * text and the body as HTML content, a {@code rel="alternate"} link to the article and a {@code rel="self"} link
     * for the feed, whose id is its self URL.
     */
    public static String atom(String title, String selfUrl, String alternateUrl, List<FeedItem> items) {
        Feed feed = new Feed("atom_1.0");
        feed.setEncoding("UTF-8");
        feed.setId(selfUrl);
        feed.setTitle(xml(title));
        feed.setUpdated(Date.from(newest(items)));
        feed.setAlternateLinks(List.of(link("alternate", "text/html", alternateUrl)));
        feed.setOtherLinks(List.of(link("self", ATOM_MEDIA_TYPE, selfUrl)));
        // Atom wants an author for every entry; this one stands in for entries that name none.
        feed.setAuthors(List.of(person(title)));
        feed.setEntries(items.stream().map(FeedWriter::atomEntry).toList());
        return output(feed);
    }

    /**
     * JSON Feed 1.1, dates in RFC 3339 with the article's own offset; {@code content_text} with the summary stands in
     * for an article without HTML, since every item needs one of the two.
     */
    public static String jsonFeed(String title, String selfUrl, String alternateUrl, List<FeedItem> items) {
        ObjectNode feed = JSON.createObjectNode();
        feed.put("version", JSON_FEED_VERSION);
        feed.put("title", title);
        feed.put("home_page_url", alternateUrl);
        feed.put("feed_url", selfUrl);
        ArrayNode array = feed.putArray("items");
        items.forEach(item -> array.add(jsonItem(item)));
        try {
            return JSON.writeValueAsString(feed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of strings always serialises", e);
        }
    }

    /**
     * A strong ETag (quoted) for a feed of {@code items}. It changes when an article is added, removed, reordered or
     * revised, or when {@code variant} changes.
     *
     * @param variant everything else the response depends on: the format and the filters (which decide the feed's
     *                title and links), e.g. {@code "rss?language=fr"}
     */
    public static String etag(List<FeedItem> items, String variant) {
        StringBuilder key = new StringBuilder(OUTPUT_VERSION).append('\n').append(variant).append('\n');
        for (FeedItem item : items) {
            key.append(item.id()).append('\t').append(item.revision()).append('\t').append(item.updatedAt())
                    .append('\n');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(key.toString().getBytes(StandardCharsets.UTF_8));
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform provides SHA-256", e);
        }
    }

    private static Item rssItem(FeedItem source) {
        Item item = new Item();
        item.setTitle(xml(source.title()));
        item.setLink(webUrl(source.url()));
        Guid guid = new Guid();
        guid.setValue(xml(source.id()));
        guid.setPermaLink(false);
        item.setGuid(guid);
        item.setPubDate(Date.from(source.published()));
        if (source.summary() != null) {
            // Readers take an RSS description as HTML, so plain text goes in escaped.
            Description description = new Description();
            description.setValue(xml(Entities.escape(source.summary())));
            item.setDescription(description);
        }
        String html = html(source);
        if (!html.isEmpty()) {
            com.rometools.rome.feed.rss.Content content = new com.rometools.rome.feed.rss.Content();
            content.setType(com.rometools.rome.feed.rss.Content.HTML);
            content.setValue(html);
            item.setContent(content);
        }
        item.setCategories(source.categories().stream().map(label -> {
            com.rometools.rome.feed.rss.Category category = new com.rometools.rome.feed.rss.Category();
            category.setValue(xml(label));
            return category;
        }).toList());
        DCModule dc = new DCModuleImpl();
        dc.setCreator(xml(source.author()));
        dc.setLanguage(source.language());
        item.setModules(new ArrayList<>(List.of(dc)));
        return item;
    }

    private static Entry atomEntry(FeedItem source) {
        Entry entry = new Entry();
        entry.setId(ARTICLE_URN_PREFIX + xml(source.id()));
        entry.setTitle(xml(source.title()));
        entry.setUpdated(Date.from(source.updatedAt()));
        entry.setPublished(Date.from(source.published()));
        String byline = source.author() != null ? source.author() : source.source();
        if (byline != null) {
            entry.setAuthors(List.of(person(byline)));
        }
        String url = webUrl(source.url());
        if (url != null) {
            entry.setAlternateLinks(List.of(link("alternate", "text/html", url)));
        }
        if (source.summary() != null) {
            entry.setSummary(atomContent(Content.TEXT, source.summary()));
        }
        // Atom requires content or an alternate link; the summary (or nothing) as text keeps an entry without a web
        // link and without HTML valid.
        String html = html(source);
        entry.setContents(List.of(html.isEmpty()
                ? atomContent(Content.TEXT, source.summary() == null ? "" : source.summary())
                : atomContent(Content.HTML, html)));
        entry.setCategories(source.categories().stream().map(label -> {
            com.rometools.rome.feed.atom.Category category = new com.rometools.rome.feed.atom.Category();
            category.setTerm(xml(label));
            return category;
        }).toList());
        return entry;
    }

    private static ObjectNode jsonItem(FeedItem source) {
        ObjectNode item = JSON.createObjectNode();
        item.put("id", source.id());
        putIfPresent(item, "url", webUrl(source.url()));
        putIfPresent(item, "title", source.title());
        String html = html(source);
        if (!html.isEmpty()) {
            item.put("content_html", html);
        } else {
            item.put("content_text", source.summary() == null ? "" : source.summary());
        }
        putIfPresent(item, "summary", source.summary());
        // The article's own offset when it has a date; else the instant Newsflow first published it, in UTC.
        item.put("date_published", source.publishedAt() != null ? rfc3339(source.publishedAt())
                : source.published().toString());
        item.put("date_modified", source.updatedAt().toString());
        if (source.author() != null) {
            item.putArray("authors").addObject().put("name", source.author());
        }
        if (!source.categories().isEmpty()) {
            ArrayNode tags = item.putArray("tags");
            source.categories().forEach(tags::add);
        }
        putIfPresent(item, "language", source.language());
        return item;
    }

    private static String html(FeedItem item) {
        return xml(HtmlSanitizer.sanitize(item.contentHtml(), webUrl(item.url())));
    }

    private static Instant newest(List<FeedItem> items) {
        return items.stream().map(FeedItem::updatedAt).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    }

    private static Link link(String rel, String type, String href) {
        Link link = new Link();
        link.setRel(rel);
        link.setType(type);
        link.setHref(href);
        return link;
    }

    private static SyndPerson person(String name) {
        Person person = new Person();
        person.setName(xml(name));
        return person;
    }

    private static Content atomContent(String type, String value) {
        Content content = new Content();
        content.setType(type);
        content.setValue(xml(value));
        return content;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    /** RFC 3339 needs the seconds, which {@link OffsetDateTime#toString()} leaves out when they are zero. */
    private static String rfc3339(OffsetDateTime time) {
        return time == null ? null : time.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    /** Only web links: a feed reader might follow any other scheme, {@code javascript:} included. */
    /** The address when it is http(s), the only kind a reader should be sent to; null otherwise. */
    public static String webUrl(String url) {
        if (url == null) {
            return null;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://") ? url : null;
    }

    /** Drops the characters XML 1.0 cannot carry at all (most C0 controls, lone surrogates), which would fail Rome. */
    private static String xml(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder clean = new StringBuilder(text.length());
        text.codePoints().filter(FeedWriter::allowedInXml).forEach(clean::appendCodePoint);
        return clean.toString();
    }

    private static boolean allowedInXml(int c) {
        return c == 0x9 || c == 0xA || c == 0xD || c >= 0x20 && c <= 0xD7FF || c >= 0xE000 && c <= 0xFFFD
                || c >= 0x10000 && c <= 0x10FFFF;
    }

    private static String output(WireFeed feed) {
        try {
            return new WireFeedOutput().outputString(feed, true);
        } catch (FeedException e) {
            throw new IllegalStateException("Rome refused a feed we built: " + e.getMessage(), e);
        }
    }
}
