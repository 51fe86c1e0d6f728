package io.newsflow.extraction.feeds;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.extraction.HtmlText;

/** JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/). */
final class JsonFeedReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION_PREFIX = "https://jsonfeed.org/version/1";

    private JsonFeedReader() {
    }

    static ParsedFeed read(String json, URI feedUrl) throws FeedException {
        JsonNode feed;
        try {
            feed = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new FeedException("the JSON feed is not valid JSON: " + e.getOriginalMessage(), e);
        }
        String version = text(feed, "version");
        // 1.0 feeds were published with http:// as well.
        if (version == null || !version.replaceFirst("^http:", "https:").startsWith(VERSION_PREFIX)) {
            throw new FeedException("not a JSON Feed: \"version\" is " + version + ", not " + VERSION_PREFIX + "...");
        }
        // 1.1: items without authors of their own are by the feed's authors.
        String feedAuthor = author(feed);
        List<FeedEntry> entries = new ArrayList<>();
        for (JsonNode item : feed.path("items")) {
            entries.add(entry(item, feedAuthor, feedUrl));
        }
        return new ParsedFeed(text(feed, "title"), FeedText.url(text(feed, "home_page_url"), feedUrl),
                FeedText.url(text(feed, "feed_url"), feedUrl), hub(feed, feedUrl), text(feed, "language"), entries);
    }

    private static FeedEntry entry(JsonNode item, String feedAuthor, URI feedUrl) {
        URI url = FeedText.url(text(item, "url"), feedUrl);
        if (url == null) {
            url = FeedText.url(text(item, "external_url"), feedUrl);
        }
        String summary = text(item, "summary");
        String summaryHtml = summary == null ? null : HtmlText.escape(summary);
        String contentHtml = text(item, "content_html");
        if (contentHtml == null && text(item, "content_text") != null) {
            contentHtml = HtmlText.escape(text(item, "content_text"));
        }
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode tag : item.path("tags")) {
            String name = FeedText.blankToNull(tag.asText(null));
            if (name != null) {
                tags.add(name);
            }
        }
        String author = author(item);
        OffsetDateTime updated = FeedDates.parse(text(item, "date_modified"));
        OffsetDateTime published = FeedDates.parse(text(item, "date_published"));
        // "id" may be a number in feeds written before 1.0 made it a string.
        String id = item.hasNonNull("id") ? FeedText.blankToNull(item.get("id").asText()) : null;
        return new FeedEntry(id != null ? id : url == null ? null : url.toString(), url, text(item, "title"),
                author != null ? author : feedAuthor, published != null ? published : updated, updated,
                summaryHtml, contentHtml, List.copyOf(tags), FeedParser.teaserOnly(summaryHtml, contentHtml));
    }

    /** 1.1 "authors", else 1.0 "author". */
    private static String author(JsonNode node) {
        for (JsonNode author : node.path("authors")) {
            String name = text(author, "name");
            if (name != null) {
                return name;
            }
        }
        return text(node.path("author"), "name");
    }

    /** The WebSub hub, else the first hub of any type. */
    private static URI hub(JsonNode feed, URI feedUrl) {
        URI any = null;
        for (JsonNode hub : feed.path("hubs")) {
            URI url = FeedText.url(text(hub, "url"), feedUrl);
            if (url != null && "websub".equalsIgnoreCase(text(hub, "type"))) {
                return url;
            }
            any = any == null ? url : any;
        }
        return any;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? FeedText.blankToNull(value.asText()) : null;
    }
}
