package io.newsflow.extraction;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import io.newsflow.extraction.HumanDateParser.ParsedDate;

/**
 * What a page states about its article for machines, read before anything is removed from it: JSON-LD first, then
 * Open Graph and its {@code article:*} vocabulary, then other meta tags (Dublin Core, Parse.ly, Sailthru), then
 * microdata, {@code <link>} and {@code <time datetime>}. Each field is null when no source gave it.
 *
 * @param tags         {@code article:tag} values, else JSON-LD keywords, without the identifiers content systems mix
 *                     in
 * @param declaredBody the JSON-LD {@code articleBody} as paragraphs, empty when the page gives none
 * @param sources      for each field filled, where it came from
 */
record PageMetadata(String title, String author, Dated published, Dated modified, String section, String siteName,
        String canonicalUrl, String language, String imageUrl, List<String> tags, List<String> declaredBody,
        Map<String, String> sources) {

    static final String JSON_LD = "json-ld";
    static final String OPEN_GRAPH = "open-graph";
    static final String META = "meta";
    static final String TIME_ELEMENT = "time-element";
    static final String MARKUP = "markup";
    static final String TEXT = "text";

    /** @param zoneInferred true when the page gave a local time without an offset */
    record Dated(OffsetDateTime at, boolean zoneInferred) {
    }

    private record Option(String source, Supplier<Optional<String>> value) {
    }

    /** Names are short; a longer text under an author mark-up is a biography. */
    private static final int MAX_AUTHOR_LENGTH = 100;

    private static final Pattern TITLE_SEPARATOR = Pattern.compile("\\s+[|–—·•:»-]{1,2}\\s+");
    private static final Pattern MACHINE_KEYWORD = Pattern.compile("_.*|[\\p{L}\\p{N}-]*_[\\p{L}\\p{N}_-]*");
    private static final Pattern LANGUAGE = Pattern.compile("([a-zA-Z]{2,3})(?:[-_].*)?");
    private static final Map<String, String> ISO_639_1_BY_639_2 = iso6391By6392();

    static PageMetadata read(Document page, HumanDateParser dates, ZoneId zoneWhenNoOffset) {
        JsonLdArticle jsonLd = JsonLdArticle.of(page);
        MetaTags meta = new MetaTags(page);
        Map<String, String> sources = new LinkedHashMap<>();

        String siteName = choose("siteName", sources,
                option(JSON_LD, () -> jsonLd.nested("publisher", "name")),
                option(OPEN_GRAPH, () -> meta.first("og:site_name")),
                option(META, () -> meta.first("application-name", "apple-mobile-web-app-title")));
        String title = choose("title", sources,
                option(JSON_LD, () -> jsonLd.text("headline").or(() -> jsonLd.text("name"))),
                option(OPEN_GRAPH, () -> meta.first("og:title", "twitter:title").map(t -> withoutSite(t, siteName))),
                option(META, () -> meta.first("title", "dc.title", "dcterms.title", "parsely-title",
                        "sailthru.title", "headline")),
                option(MARKUP, () -> firstText(page, "h1")),
                option(MARKUP, () -> Optional.of(Whitespace.label(page.title())).filter(t -> !t.isEmpty())
                        .map(t -> withoutSite(t, siteName))));
        String author = choose("author", sources,
                option(JSON_LD, () -> jsonLd.names("author")),
                // Facebook wants a profile address here; only a name is an author.
                option(OPEN_GRAPH, () -> meta.first("article:author").filter(a -> !a.contains("://"))),
                option(META, () -> meta.first("author", "dc.creator", "dcterms.creator", "parsely-author",
                        "sailthru.author", "byl").map(a -> withoutBy(a, dates))),
                option(MARKUP, () -> markupAuthor(page, dates)));
        Dated published = date("publishedAt", sources, dates, zoneWhenNoOffset,
                option(JSON_LD, () -> jsonLd.text("datePublished").or(() -> jsonLd.text("dateCreated"))),
                option(OPEN_GRAPH, () -> meta.first("article:published_time", "og:published_time",
                        "og:article:published_time")),
                option(META, () -> meta.first("date", "dc.date", "dc.date.issued", "dcterms.date", "dcterms.created",
                        "dcterms.issued", "parsely-pub-date", "sailthru.date", "pubdate", "publishdate",
                        "publish-date", "publish_date", "article.published", "datepublished", "dc.date.created")),
                option(MARKUP, () -> Optional.ofNullable(page.selectFirst("[itemprop=datePublished]"))
                        .map(PageMetadata::dateAttribute)),
                option(TIME_ELEMENT, () -> timeElement(page, true)));
        Dated modified = date("modifiedAt", sources, dates, zoneWhenNoOffset,
                option(JSON_LD, () -> jsonLd.text("dateModified")),
                option(OPEN_GRAPH, () -> meta.first("article:modified_time", "og:updated_time")),
                option(META, () -> meta.first("dc.date.modified", "dcterms.modified", "last-modified",
                        "parsely-updated", "datemodified")),
                option(MARKUP, () -> Optional.ofNullable(page.selectFirst("[itemprop=dateModified]"))
                        .map(PageMetadata::dateAttribute)),
                option(TIME_ELEMENT, () -> timeElement(page, false)));
        String section = choose("section", sources,
                option(JSON_LD, () -> jsonLd.text("articleSection")),
                option(OPEN_GRAPH, () -> meta.first("article:section")),
                option(META, () -> meta.first("section", "parsely-section", "sailthru.section", "dc.subject")));
        String canonicalUrl = choose("canonicalUrl", sources,
                option(MARKUP, () -> Optional.ofNullable(page.selectFirst("link[rel~=(?i)^canonical$][href]"))
                        .map(link -> link.absUrl("href")).filter(url -> !url.isEmpty())),
                option(OPEN_GRAPH, () -> meta.first("og:url").map(url -> absolute(page, url))));
        Element root = page.selectFirst("html");
        String language = choose("language", sources,
                option(MARKUP, () -> language(root == null ? "" : root.attr("lang"))),
                option(OPEN_GRAPH, () -> meta.first("og:locale").flatMap(PageMetadata::language)),
                option(META, () -> meta.first("content-language", "language", "dc.language", "dcterms.language")
                        .flatMap(PageMetadata::language)),
                option(JSON_LD, () -> jsonLd.text("inLanguage").flatMap(PageMetadata::language)));
        String imageUrl = choose("imageUrl", sources,
                option(JSON_LD, () -> jsonLd.nested("image", "url").map(url -> absolute(page, url))),
                option(OPEN_GRAPH, () -> meta.first("og:image", "og:image:url", "og:image:secure_url",
                        "twitter:image", "twitter:image:src").map(url -> absolute(page, url))),
                option(META, () -> meta.first("thumbnail", "parsely-image-url", "sailthru.image.full")
                        .map(url -> absolute(page, url))));
        List<String> tags = labels(meta.all("article:tag"));
        if (!tags.isEmpty()) {
            sources.put("tags", OPEN_GRAPH);
        } else {
            tags = labels(jsonLd.keywords());
            if (!tags.isEmpty()) {
                sources.put("tags", JSON_LD);
            }
        }
        return new PageMetadata(title, author, published, modified, section, siteName, canonicalUrl, language,
                imageUrl, tags, jsonLd.articleBody(), sources);
    }

    private static Option option(String source, Supplier<Optional<String>> value) {
        return new Option(source, value);
    }

    private static String choose(String field, Map<String, String> sources, Option... options) {
        for (Option option : options) {
            Optional<String> value = option.value().get();
            if (value.isPresent() && !value.get().isBlank()) {
                sources.put(field, option.source());
                return value.get();
            }
        }
        return null;
    }

    /** The first option whose text parses as a date: a page's "date" meta tag may hold anything. */
    private static Dated date(String field, Map<String, String> sources, HumanDateParser dates, ZoneId zone,
            Option... options) {
        for (Option option : options) {
            Optional<ParsedDate> date = option.value().get().flatMap(dates::parse);
            if (date.isPresent()) {
                sources.put(field, option.source());
                return new Dated(date.get().toOffsetDateTime(zone), date.get().offset() == null);
            }
        }
        return null;
    }

    /** Keywords meant for people: content systems also put identifiers there ("autoplay_video", "_no-ads"). */
    private static List<String> labels(List<String> keywords) {
        return keywords.stream().filter(k -> !MACHINE_KEYWORD.matcher(k).matches()).distinct().toList();
    }

    /** "By Jane Doe" as "Jane Doe". */
    private static String withoutBy(String author, HumanDateParser dates) {
        return Byline.read(author, dates).map(Byline::author).orElse(author);
    }

    private static Optional<String> markupAuthor(Document page, HumanDateParser dates) {
        for (String query : List.of("[itemprop=author] [itemprop=name]", "[itemprop=author]",
                "a[rel~=(?i)^author$]")) {
            Element element = page.selectFirst(query);
            if (element != null) {
                String name = Whitespace.label(element.hasAttr("content") ? element.attr("content") : element.text());
                if (!name.isEmpty() && name.length() <= MAX_AUTHOR_LENGTH) {
                    return Optional.of(withoutBy(name, dates));
                }
            }
        }
        return Optional.empty();
    }

    private static String dateAttribute(Element element) {
        for (String attribute : List.of("datetime", "content")) {
            if (element.hasAttr(attribute)) {
                return element.attr(attribute);
            }
        }
        return element.text();
    }

    /** A {@code <time datetime>} that says it is the publication (or update) date, else the first one. */
    private static Optional<String> timeElement(Document page, boolean published) {
        Element first = null;
        for (Element time : page.select("time[datetime]")) {
            String hints = (time.className() + " " + time.id() + " " + time.attr("itemprop")
                    + (time.hasAttr("pubdate") ? " pubdate" : "")).toLowerCase(Locale.ROOT);
            boolean updated = hints.contains("update") || hints.contains("modif");
            if (published ? hints.contains("pub") || hints.contains("creat") : updated) {
                return Optional.of(time.attr("datetime"));
            }
            if (first == null && !updated) {
                first = time;
            }
        }
        return published && first != null ? Optional.of(first.attr("datetime")) : Optional.empty();
    }

    private static Optional<String> firstText(Document page, String query) {
        Element element = page.selectFirst(query);
        return element == null ? Optional.empty()
                : Optional.of(Whitespace.label(element.text())).filter(t -> !t.isEmpty());
    }

    /** "Storm hits coast | The Coastal Times" without the site's name, when the title carries it first or last. */
    private static String withoutSite(String title, String siteName) {
        Matcher separator = TITLE_SEPARATOR.matcher(title);
        int firstStart = -1;
        int firstEnd = -1;
        int lastStart = -1;
        int lastEnd = -1;
        while (separator.find()) {
            if (firstStart < 0) {
                firstStart = separator.start();
                firstEnd = separator.end();
            }
            lastStart = separator.start();
            lastEnd = separator.end();
        }
        if (lastStart < 0 || siteName == null) {
            return title;
        }
        String site = Folded.fold(siteName);
        if (Folded.fold(title.substring(lastEnd)).equals(site)) {
            return title.substring(0, lastStart).strip();
        }
        if (Folded.fold(title.substring(0, firstStart)).equals(site)) {
            return title.substring(firstEnd).strip();
        }
        return title;
    }

    /** The address resolved against the page's, or as given when the page's is unknown. */
    private static String absolute(Document page, String url) {
        Element anchor = page.createElement("a").attr("href", url);
        anchor.setBaseUri(page.location());
        String absolute = anchor.absUrl("href");
        return absolute.isEmpty() ? url : absolute;
    }

    /** "en-US", "pt_BR", "fra" as ISO 639-1: "en", "pt", "fr". */
    private static Optional<String> language(String declared) {
        Matcher m = LANGUAGE.matcher(declared.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String code = m.group(1).toLowerCase(Locale.ROOT);
        return Optional.ofNullable(code.length() == 2 ? code : ISO_639_1_BY_639_2.get(code));
    }

    private static Map<String, String> iso6391By6392() {
        Map<String, String> codes = new LinkedHashMap<>();
        for (String code : Locale.getISOLanguages()) {
            codes.put(Locale.forLanguageTag(code).getISO3Language(), code);
        }
        return Map.copyOf(codes);
    }
}
