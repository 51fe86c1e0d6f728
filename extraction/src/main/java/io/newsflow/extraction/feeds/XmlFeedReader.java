package io.newsflow.extraction.feeds;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.Namespace;

import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.SyndFeedInput;

import io.newsflow.extraction.HtmlText;

/**
 * RSS 0.9x, 1.0 and 2.0 and Atom, read by Rome from a document {@link SafeXml} already parsed. Two things are read
 * off the document itself because Rome does not keep them: dates as written (Rome's {@code Date} drops the offset)
 * and the {@code atom:link} hub and self links inside RSS.
 */
final class XmlFeedReader {

    private static final String ATOM = "http://www.w3.org/2005/Atom";
    private static final String ATOM_03 = "http://purl.org/atom/ns#";
    private static final String DC = "http://purl.org/dc/elements/1.1/";
    private static final String DCTERMS = "http://purl.org/dc/terms/";
    private static final List<Name> PUBLISHED = List.of(new Name("", "pubDate"), new Name(ATOM, "published"),
            new Name(ATOM_03, "issued"), new Name(DC, "date"), new Name(DCTERMS, "issued"),
            new Name(DCTERMS, "created"));
    private static final List<Name> UPDATED = List.of(new Name(ATOM, "updated"), new Name(ATOM_03, "modified"),
            new Name(DCTERMS, "modified"));
    private static final Set<String> PLAIN_TEXT = Set.of("text", "text/plain");
    private static final Set<String> HTML = Set.of("html", "text/html", "xhtml", "application/xhtml+xml");

    private record Name(String namespace, String local) {

        boolean matches(Element element) {
            return element.getName().equals(local) && element.getNamespaceURI().equals(namespace);
        }
    }

    private XmlFeedReader() {
    }

    static ParsedFeed read(Document document, URI feedUrl) throws FeedException {
        SyndFeed feed;
        try {
            feed = new SyndFeedInput().build(document);
        } catch (IllegalArgumentException e) {
            throw new FeedException("not an RSS or Atom feed: the document is a <"
                    + document.getRootElement().getQualifiedName() + ">", e);
        } catch (com.rometools.rome.io.FeedException e) {
            throw new FeedException("the feed cannot be read: " + e.getMessage(), e);
        }
        Element root = document.getRootElement();
        Element channel = root.getName().equals("feed") ? root : child(root, "channel").orElse(root);
        // RSS 2.0 puts its items inside the channel, RSS 1.0 beside it, Atom in the feed.
        List<Element> items = new ArrayList<>();
        for (Element parent : channel == root ? List.of(root) : List.of(root, channel)) {
            parent.getChildren().stream()
                    .filter(e -> e.getName().equals("item") || e.getName().equals("entry"))
                    .forEach(items::add);
        }
        boolean atom = feed.getFeedType().startsWith("atom");
        String feedAuthor = atom ? author(feed.getAuthor(), feed.getAuthors()) : null;
        List<SyndEntry> syndEntries = feed.getEntries();
        // Rome keeps document order; should it ever skip an item, the written dates cannot be matched up.
        boolean aligned = items.size() == syndEntries.size();
        List<FeedEntry> entries = new ArrayList<>(syndEntries.size());
        for (int i = 0; i < syndEntries.size(); i++) {
            entries.add(entry(syndEntries.get(i), aligned ? items.get(i) : null, feedAuthor, feedUrl));
        }
        String language = Optional.ofNullable(FeedText.blankToNull(feed.getLanguage()))
                .orElseGet(() -> FeedText.blankToNull(root.getAttributeValue("lang", Namespace.XML_NAMESPACE)));
        // For Atom, Rome's feed link is not always the alternate one.
        URI siteUrl = atom ? link(channel, "alternate", feedUrl) : null;
        if (siteUrl == null) {
            siteUrl = FeedText.url(feed.getLink(), feedUrl);
        }
        return new ParsedFeed(FeedText.blankToNull(feed.getTitle()), siteUrl, link(channel, "self", feedUrl),
                link(channel, "hub", feedUrl), language, entries);
    }

    private static FeedEntry entry(SyndEntry entry, Element item, String feedAuthor, URI feedUrl) {
        OffsetDateTime updated = FeedDates.parse(written(item, UPDATED), entry.getUpdatedDate());
        OffsetDateTime published = FeedDates.parse(written(item, PUBLISHED), entry.getPublishedDate());
        URI url = FeedText.url(entry.getLink(), feedUrl);
        String summary = html(entry.getDescription());
        String content = entry.getContents().stream().map(XmlFeedReader::html).filter(c -> c != null)
                .findFirst().orElse(null);
        Set<String> categories = new LinkedHashSet<>();
        for (SyndCategory category : entry.getCategories()) {
            Optional.ofNullable(FeedText.blankToNull(category.getLabel()))
                    .or(() -> Optional.ofNullable(FeedText.blankToNull(category.getName())))
                    .ifPresent(categories::add);
        }
        // Rome drops dc:subject from the categories of an item that has no <category>, as in RSS 1.0.
        if (entry.getModule(DCModule.URI) instanceof DCModule dc) {
            dc.getSubjects().stream().map(subject -> FeedText.blankToNull(subject.getValue()))
                    .filter(subject -> subject != null).forEach(categories::add);
        }
        // Without a guid Rome uses the link as written, which may be relative.
        String id = FeedText.blankToNull(entry.getUri());
        if (id == null || id.equals(entry.getLink())) {
            id = url == null ? id : url.toString();
        }
        String author = author(entry.getAuthor(), entry.getAuthors());
        return new FeedEntry(id, url, title(entry), author != null ? author : feedAuthor,
                // Atom requires only <updated>; for a news entry that is when it came out.
                published != null ? published : updated, updated, summary, content, List.copyOf(categories),
                FeedParser.teaserOnly(summary, content));
    }

    private static String title(SyndEntry entry) {
        SyndContent title = entry.getTitleEx();
        if (title == null || title.getValue() == null) {
            return FeedText.blankToNull(entry.getTitle());
        }
        String type = title.getType() == null ? "" : title.getType().toLowerCase(Locale.ROOT);
        return FeedText.blankToNull(HTML.contains(type) ? FeedText.text(title.getValue()) : title.getValue());
    }

    private static String html(SyndContent content) {
        if (content == null || FeedText.blankToNull(content.getValue()) == null) {
            return null;
        }
        String type = content.getType() == null ? "" : content.getType().toLowerCase(Locale.ROOT);
        return PLAIN_TEXT.contains(type) ? HtmlText.escape(content.getValue().trim()) : content.getValue().trim();
    }

    private static String author(String author, List<SyndPerson> people) {
        String named = FeedText.blankToNull(author);
        if (named == null) {
            named = people.stream().map(p -> FeedText.blankToNull(p.getName())).filter(n -> n != null).findFirst()
                    .orElse(null);
        }
        if (named == null) {
            return null;
        }
        String name = nameAfterEmail(named);
        return name != null ? name : named;
    }

    /**
     * RSS wants an e-mail address as author, and usually gets "jane@example.com (Jane Doe)": the name in brackets
     * after an address, or null. Read by hand in one pass; the regular expression it replaces backtracked
     * quadratically on a long run of "@" or non-space characters, and feeds come from anywhere.
     */
    static String nameAfterEmail(String author) {
        int open = author.indexOf('(');
        if (open <= 0 || !author.endsWith(")")) {
            return null;
        }
        String address = author.substring(0, open).strip();
        int at = address.indexOf('@');
        if (at <= 0 || at == address.length() - 1 || address.chars().anyMatch(Character::isWhitespace)) {
            return null;
        }
        String name = author.substring(open + 1, author.length() - 1).strip();
        return name.isEmpty() ? null : name;
    }

    private static String written(Element item, List<Name> names) {
        if (item == null) {
            return null;
        }
        for (Name name : names) {
            for (Element child : item.getChildren()) {
                if (name.matches(child)) {
                    return child.getTextTrim();
                }
            }
        }
        return null;
    }

    /** An Atom {@code <link rel=...>}, in an Atom feed or as {@code atom:link} in an RSS channel. */
    private static URI link(Element channel, String rel, URI feedUrl) {
        for (Element link : channel.getChildren("link", Namespace.getNamespace(ATOM))) {
            // An Atom link without rel is the alternate one.
            if (rel.equalsIgnoreCase(link.getAttributeValue("rel", "alternate").trim())) {
                URI url = FeedText.url(link.getAttributeValue("href"), feedUrl);
                if (url != null) {
                    return url;
                }
            }
        }
        return null;
    }

    private static Optional<Element> child(Element parent, String name) {
        return parent.getChildren().stream().filter(e -> e.getName().equals(name)).findFirst();
    }
}
