package io.newsflow.extraction;

import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

import io.newsflow.extraction.BlockTree.Box;
import io.newsflow.extraction.BlockTree.Item;
import io.newsflow.extraction.BlockTree.Run;
import io.newsflow.extraction.MainContent.Region;
import io.newsflow.extraction.PageMetadata.Dated;

/**
 * Reads an article off an HTML page. Facts come from what the page states for machines ({@link PageMetadata}:
 * JSON-LD, then Open Graph, then other meta tags, microdata and {@code <time>}) before what it shows to people (the
 * byline above the body, follow lines and tag lines in it). The body is the stretch of blocks {@link MainContent}
 * finds, cleaned by {@link ArticleBody}. Stateless and thread-safe; each call parses its own document.
 */
public final class HtmlArticleExtractor {

    /** Elements that never show article text, removed before anything is measured. */
    private static final Set<String> CLUTTER = Set.of("script", "style", "noscript", "template", "iframe", "svg",
            "canvas", "object", "embed", "button", "input", "select", "textarea", "option", "link", "meta", "map",
            "area", "audio", "video", "source", "track", "dialog");

    /** A byline sits under the title, or among the first lines of the body on pages that put it there. */
    private static final int BYLINE_RUNS_INTO_BODY = 3;
    /** Further up are the menus, where a masthead prints today's date. */
    private static final int BYLINE_LINES_ABOVE_BODY = 6;
    /** {@link Byline} refuses longer lines: their text need not even be read. */
    private static final int MAX_BYLINE_LENGTH = 200;
    /** Below this share of the JSON-LD {@code articleBody}, the markup showed a teaser rather than the article. */
    private static final double MIN_SHARE_OF_DECLARED_BODY = 0.5;

    private final HumanDateParser dates = new HumanDateParser();

    /**
     * @param html             the page as served; null reads as an empty page
     * @param pageUrl          the page's address, to resolve relative links; null when unknown
     * @param zoneWhenNoOffset the zone the publisher prints local times in, for dates without an offset
     */
    public HtmlExtraction extract(String html, String pageUrl, ZoneId zoneWhenNoOffset) {
        Objects.requireNonNull(zoneWhenNoOffset, "zoneWhenNoOffset");
        Document page = Jsoup.parse(html == null ? "" : html, pageUrl == null ? "" : pageUrl);
        PageMetadata metadata = PageMetadata.read(page, dates, zoneWhenNoOffset);
        Map<String, String> sources = new LinkedHashMap<>(metadata.sources());

        ContentHints hints = new ContentHints();
        removeClutter(page, hints);
        Box root = new BlockTree(hints).build(page.body() == null ? page : page.body());
        Region region = MainContent.find(root);
        Byline byline = byline(root, region, metadata.title()).orElse(new Byline(null, null, null));
        ArticleBody body = ArticleBody.read(region, metadata.title(), pageUrl, dates);

        String text = body.text();
        String bodyHtml = body.html();
        List<String> declared = metadata.declaredBody();
        if (text.length() < MIN_SHARE_OF_DECLARED_BODY * declared.stream().mapToInt(String::length).sum()) {
            // Script-rendered and paywalled pages show a teaser in the markup and give search engines the body.
            text = String.join("\n\n", declared);
            bodyHtml = paragraphsHtml(declared);
            sources.put("text", PageMetadata.JSON_LD);
        } else if (!text.isEmpty()) {
            sources.put("text", PageMetadata.MARKUP);
        }
        String author = orFromPage("author", metadata.author(), byline.author(), PageMetadata.TEXT, sources);
        String section = orFromPage("section", metadata.section(), byline.section(), PageMetadata.TEXT, sources);
        String siteName = orFromPage("siteName", metadata.siteName(), body.siteName().orElse(null),
                PageMetadata.TEXT, sources);
        Dated published = metadata.published();
        if (published == null && byline.date() != null) {
            published = new Dated(byline.date().toOffsetDateTime(zoneWhenNoOffset), byline.date().offset() == null);
            sources.put("publishedAt", PageMetadata.TEXT);
        }
        // The page's own tag links are what its readers see; meta keywords are often written for search engines.
        List<String> tags = metadata.tags();
        if (!body.tags().isEmpty()) {
            tags = body.tags();
            sources.put("tags", body.tagSource());
        }
        if (!body.related().isEmpty()) {
            sources.put("related", body.relatedSource());
        }
        return new HtmlExtraction(metadata.title(), author, published == null ? null : published.at(),
                published != null && published.zoneInferred(),
                metadata.modified() == null ? null : metadata.modified().at(), section, siteName,
                metadata.canonicalUrl(), metadata.language(), text, bodyHtml, tags, body.related(),
                metadata.imageUrl(), sources);
    }

    /** The stated value, else the one read off the page's text, noting where it came from. */
    private static String orFromPage(String field, String stated, String read, String source,
            Map<String, String> sources) {
        if (stated != null || read == null) {
            return stated;
        }
        sources.put(field, source);
        return read;
    }

    private static String paragraphsHtml(List<String> paragraphs) {
        Element body = new Element("body");
        paragraphs.forEach(paragraph -> body.appendElement("p").text(paragraph));
        return body.html();
    }

    /** Scripts, styles, forms' controls, comments and whatever the page hides are no part of what a reader sees. */
    private static void removeClutter(Document page, ContentHints hints) {
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof Comment) {
                    return FilterResult.REMOVE;
                }
                if (node instanceof Element element && (CLUTTER.contains(element.normalName()) || isHidden(element)
                        || (hints.of(element) & ContentHints.INVISIBLE) != 0)) {
                    return FilterResult.REMOVE;
                }
                return FilterResult.CONTINUE;
            }
        }, page);
    }

    private static boolean isHidden(Element element) {
        if (element.hasAttr("hidden") || element.attr("aria-hidden").equalsIgnoreCase("true")) {
            return true;
        }
        String style = element.attr("style");
        if (style.isEmpty()) {
            return false;
        }
        String compact = style.toLowerCase(Locale.ROOT).replace(" ", "");
        return compact.contains("display:none") || compact.contains("visibility:hidden");
    }

    /**
     * The byline among the last short lines above the body (after the title when the page repeats it there) and the
     * first lines of the body, the way {@link PlainTextArticleParser} reads one under a pasted title.
     */
    private Optional<Byline> byline(Box root, Region region, String title) {
        BylineLines lines = new BylineLines(region, title);
        lines.visit(root);
        Byline found = new Byline(null, null, null);
        for (String line : lines.texts()) {
            Optional<Byline> byline = Byline.read(line, dates);
            if (byline.isPresent()) {
                found = new Byline(found.date() != null ? found.date() : byline.get().date(),
                        found.author() != null ? found.author() : byline.get().author(),
                        found.section() != null ? found.section() : byline.get().section());
            }
        }
        return found.date() == null && found.author() == null ? Optional.empty() : Optional.of(found);
    }

    /** Collects the candidate byline runs in page order, reading the text of only those it keeps. */
    private static final class BylineLines {

        private record Line(Box box, Run run) {
        }

        private final Region region;
        private final String title;
        private final int titleChars;
        private final ArrayDeque<Line> lines = new ArrayDeque<>();
        /** -1 until the body starts, then the number of body runs seen. */
        private int bodyRuns = -1;

        BylineLines(Region region, String title) {
            this.region = region;
            this.title = title == null ? null : Folded.fold(Whitespace.label(title));
            this.titleChars = title == null ? -1 : (int) title.codePoints().filter(c -> !Character.isWhitespace(c))
                    .count();
        }

        /** False once enough of the body has been seen. */
        boolean visit(Box box) {
            for (int i = 0; i < box.items.size(); i++) {
                if (box == region.box() && i == region.from() && bodyRuns < 0) {
                    bodyRuns = 0;
                }
                Item item = box.items.get(i);
                if (item instanceof Box child) {
                    if (!visit(child)) {
                        return false;
                    }
                } else if (!add(box, (Run) item)) {
                    return false;
                }
            }
            return true;
        }

        private boolean add(Box box, Run run) {
            if (run.chars <= MAX_BYLINE_LENGTH) {
                if (bodyRuns < 0 && Math.abs(run.chars - titleChars) <= 2
                        && Folded.fold(Whitespace.label(runText(box, run))).equals(title)) {
                    lines.clear();
                    return true;
                }
                lines.addLast(new Line(box, run));
                if (bodyRuns < 0 && lines.size() > BYLINE_LINES_ABOVE_BODY) {
                    lines.removeFirst();
                }
            }
            return bodyRuns < 0 || ++bodyRuns < BYLINE_RUNS_INTO_BODY;
        }

        List<String> texts() {
            return lines.stream().map(line -> Whitespace.label(runText(line.box(), line.run()))).toList();
        }

        private static String runText(Box box, Run run) {
            StringBuilder text = new StringBuilder();
            for (int n = run.first; n <= run.last; n++) {
                Node node = box.element.childNode(n);
                text.append(node instanceof Element element ? element.text()
                        : node instanceof TextNode textNode ? textNode.getWholeText() : "").append(' ');
            }
            return text.toString();
        }
    }
}
