package io.newsflow.extraction;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import io.newsflow.extraction.BlockTree.Box;
import io.newsflow.extraction.BlockTree.Item;
import io.newsflow.extraction.BlockTree.Run;
import io.newsflow.extraction.MainContent.Region;

/**
 * Turns the region {@link MainContent} found into the article's paragraphs, its sanitised HTML, its tags and its
 * related links. Blocks the page marks as boilerplate are left out, after tag and related blocks have given up their
 * labels and links. Each remaining paragraph then goes through the line rules of pasted text ({@link Boilerplate}):
 * share and follow lines and advert labels go, "Read more: X" becomes a related link, a tag line becomes tags, a
 * heading such as "Related articles" turns the lines after it into related links, and the title, byline or dateline
 * above the first paragraph go. The blocks just beside the region give tags and related links too, never text.
 * <p>
 * Reading takes what it leaves out of the text out of the page's document as well, so that the HTML loses what the
 * text loses; the block tree is of no use after it.
 */
final class ArticleBody {

    /** Tag lists are short labels; a longer link text is a headline in a related block. */
    private static final int MAX_TAG_LENGTH = 60;
    /** Fewer words make a label ("Columnists") or a call ("View all"), not a headline of another article. */
    private static final int MIN_HEADLINE_WORDS = 4;
    private static final int MIN_UNSPACED_HEADLINE_LENGTH = 12;
    private static final Set<Character.UnicodeScript> UNSPACED_SCRIPTS = Set.of(Character.UnicodeScript.HAN,
            Character.UnicodeScript.HIRAGANA, Character.UnicodeScript.KATAKANA, Character.UnicodeScript.THAI,
            Character.UnicodeScript.LAO, Character.UnicodeScript.KHMER, Character.UnicodeScript.MYANMAR,
            Character.UnicodeScript.TIBETAN);
    private static final int MIN_TEASER_LENGTH = 40;
    private static final int MAX_TEASER_LINE = 400;
    /** A paragraph this linked is a link or a list of links, whatever else it says. */
    private static final double MAX_LINK_DENSITY = 0.8;

    private static final Set<String> SELF_CONTAINED = Set.of("img", "br", "hr", "td", "th");
    private static final Safelist SAFELIST = Safelist.relaxed().addTags("figure", "hr", "s", "mark");

    private record Link(String text, String url) {
    }

    /** One paragraph on screen, with the nodes it came from so that the HTML can lose what the text loses. */
    private record Paragraph(String text, List<Link> links, String tag, double linkDensity, List<Node> nodes) {

        boolean heading() {
            return tag.length() == 2 && tag.charAt(0) == 'h' && Character.isDigit(tag.charAt(1));
        }
    }

    private final Region region;
    private final String title;
    private final String pageUrl;
    private final String site;
    private final HumanDateParser dates;
    private final List<Node> dropped = new ArrayList<>();
    // Levels of elements kept in the body's HTML; article markup is a few levels deep, hostile markup thousands.
    private static final int MAX_COPY_DEPTH = 64;
    private final Map<String, String> tags = new LinkedHashMap<>();
    private final Map<String, RelatedLink> related = new LinkedHashMap<>();
    private final List<String> siteNames = new ArrayList<>();
    private final List<String> text = new ArrayList<>();
    private String html;
    private String tagSource;
    private String relatedSource;

    private ArticleBody(Region region, String title, String pageUrl, HumanDateParser dates) {
        this.region = region;
        this.dates = dates;
        this.title = title == null ? "" : Folded.fold(Whitespace.label(title));
        this.pageUrl = pageUrl;
        this.site = site(pageUrl);
    }

    /**
     * The article read off the region; {@code pageTitle} is left out when the region repeats it, {@code pageUrl}
     * (nullable) tells links to the site's other articles from links elsewhere.
     */
    static ArticleBody read(Region region, String pageTitle, String pageUrl, HumanDateParser dates) {
        ArticleBody body = new ArticleBody(region, pageTitle, pageUrl, dates);
        List<Paragraph> paragraphs = new ArrayList<>();
        body.walk(region.box(), region.from(), region.to(), paragraphs);
        body.readLines(paragraphs, true);
        body.readLines(body.margins(), false);
        body.html = body.sanitisedHtml(pageUrl);
        return body;
    }

    String text() {
        return String.join("\n\n", text);
    }

    List<String> tags() {
        return new ArrayList<>(tags.values());
    }

    List<RelatedLink> related() {
        return new ArrayList<>(related.values());
    }

    /** "markup" when the first tags came from a block the page marks as tags, "text" when from a tag line. */
    String tagSource() {
        return tagSource;
    }

    String relatedSource() {
        return relatedSource;
    }

    Optional<String> siteName() {
        return siteNames.stream().findFirst();
    }

    String html() {
        return html;
    }

    /**
     * The region without what the text left out, cleaned by jsoup's relaxed safelist with links made absolute, and
     * without the wrappers the cleaning left empty. Nothing is removed from a tree: the kept nodes are copied into a
     * new one. Removing nodes one by one renumbers their siblings each time, quadratic in a page of 100,000 empty
     * paragraphs (minutes for 1 MB); copying is linear, and leaves the page's document as it was.
     */
    private String sanitisedHtml(String baseUri) {
        Set<Node> left = identitySet();
        left.addAll(dropped);
        Document dirty = Document.createShell(baseUri == null ? "" : baseUri);
        Element parent = region.box().element;
        for (int i = region.from(); i <= region.to(); i++) {
            Item item = region.box().items.get(i);
            for (int n = item.first; n <= item.last; n++) {
                copyInto(dirty.body(), parent.childNode(n), left);
            }
        }
        dirty.body().select("img").forEach(ArticleBody::unlazy);
        Element clean = new Cleaner(SAFELIST).clean(dirty).body();
        Document out = Document.createShell(baseUri == null ? "" : baseUri);
        // Indenting would add a line per level of nesting, and whitespace the page did not have.
        out.outputSettings().prettyPrint(false);
        Set<Node> empty = emptyWrappers(clean);
        for (Node child : clean.childNodes()) {
            copyInto(out.body(), child, empty);
        }
        return out.body().html();
    }

    /**
     * Appends a copy of {@code node} and its descendants to {@code target}, leaving out the nodes in {@code skip}.
     * Elements nested deeper than {@link #MAX_COPY_DEPTH} below {@code node} are not copied, only their contents:
     * jsoup's cleaner looks up each element's base URI through all its ancestors, quadratic in a page of 100,000
     * nested elements, and no article needs that depth to be read.
     */
    private static void copyInto(Element target, Node node, Set<Node> skip) {
        Map<Node, Element> copies = new IdentityHashMap<>();
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node source, int depth) {
                if (skip.contains(source)) {
                    return FilterResult.SKIP_ENTIRELY;
                }
                if (depth > MAX_COPY_DEPTH && source instanceof Element) {
                    copies.put(source, copies.get(source.parent()));
                    return FilterResult.CONTINUE;
                }
                // Not shallowClone(): it walks up to the document through every ancestor, quadratic in a deep page;
                // the copy takes its target's document and base URI.
                Node copy = source instanceof Element element
                        ? new Element(element.tag(), "", element.attributes().clone())
                        : source instanceof TextNode text ? new TextNode(text.getWholeText()) : source.shallowClone();
                (source == node ? target : copies.get(source.parent())).appendChild(copy);
                if (copy instanceof Element element) {
                    copies.put(source, element);
                }
                return FilterResult.CONTINUE;
            }
        }, node);
    }

    /**
     * The elements under {@code root} with nothing to show: only blank text and other such elements. Found
     * bottom-up, so that a chain of wrappers goes too; images and line breaks are content in themselves.
     */
    private static Set<Node> emptyWrappers(Element root) {
        Set<Node> empty = identitySet();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
            }

            @Override
            public void tail(Node node, int depth) {
                if (node != root && isEmpty(node, empty)) {
                    empty.add(node);
                }
            }
        }, root);
        return empty;
    }

    private static Set<Node> identitySet() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    /** An element whose children are all blank text or {@code empty} already, and that is no content itself. */
    private static boolean isEmpty(Node node, Set<Node> empty) {
        if (!(node instanceof Element element) || SELF_CONTAINED.contains(element.normalName())) {
            return false;
        }
        for (int i = 0; i < element.childNodeSize(); i++) {
            Node child = element.childNode(i);
            if (!empty.contains(child) && (!(child instanceof TextNode text) || !text.isBlank())) {
                return false;
            }
        }
        return true;
    }

    private void walk(Box box, int from, int to, List<Paragraph> paragraphs) {
        for (int i = from; i <= to; i++) {
            Item item = box.items.get(i);
            if (item instanceof Run run) {
                paragraphs.add(paragraph(box, run));
            } else {
                Box child = (Box) item;
                if (region.boilerplate().contains(child)) {
                    harvest(child);
                    dropped.add(child.element);
                } else {
                    walk(child, 0, child.items.size() - 1, paragraphs);
                }
            }
        }
    }

    /**
     * What stands beside the body, in its own block and in the block around that: tag lines, "Read more" links and
     * related blocks often follow the last paragraph without belonging to the stretch of prose.
     */
    private List<Paragraph> margins() {
        List<Paragraph> margins = new ArrayList<>();
        Box box = region.box();
        walk(box, 0, region.from() - 1, margins);
        walk(box, region.to() + 1, box.items.size() - 1, margins);
        Box parent = box.parent;
        if (parent != null) {
            walk(parent, parent.items.indexOf(box) + 1, parent.items.size() - 1, margins);
        }
        return margins;
    }

    private void harvest(Box box) {
        if ((box.hints & ContentHints.TAGS) != 0) {
            for (Element link : box.element.select("a")) {
                String tag = Whitespace.label(link.text());
                if (!tag.isEmpty() && tag.length() <= MAX_TAG_LENGTH) {
                    tags.putIfAbsent(Folded.fold(tag), tag);
                    tagSource = tagSource == null ? PageMetadata.MARKUP : tagSource;
                }
            }
        } else if ((box.hints & ContentHints.RELATED) != 0 || MainContent.isTeaser(box)) {
            harvestRelated(box.element);
        }
    }

    private void harvestRelated(Element block) {
        for (Element link : block.select("a[href]")) {
            addRelated(Whitespace.label(link.text()), url(link), teaser(link, block), PageMetadata.MARKUP, false);
        }
    }

    /** The text beside a related link inside its own item of the list, if it reads like a sentence or two. */
    private static String teaser(Element link, Element block) {
        Element item = link;
        while (item.parent() != null && item.parent() != block && item.parent().select("a[href]").size() <= 1) {
            item = item.parent();
        }
        String all = Whitespace.label(item.text());
        String linkText = Whitespace.label(link.text());
        String rest = Whitespace.label(all.replace(linkText, " "));
        return rest.length() >= MIN_TEASER_LENGTH && !Boilerplate.isTitleLike(rest) ? rest : null;
    }

    private static String url(Element link) {
        String absolute = link.absUrl("href");
        return absolute.isEmpty() ? null : absolute;
    }

    private static Paragraph paragraph(Box box, Run run) {
        StringBuilder raw = new StringBuilder();
        List<Link> links = new ArrayList<>();
        List<Node> nodes = new ArrayList<>(run.last - run.first + 1);
        boolean preformatted = box.element.normalName().equals("pre");
        for (int n = run.first; n <= run.last; n++) {
            Node node = box.element.childNode(n);
            nodes.add(node);
            append(node, raw, links, preformatted);
        }
        List<String> lines = new ArrayList<>();
        for (String line : raw.toString().split("\n")) {
            String collapsed = Whitespace.paragraph(line);
            if (!collapsed.isEmpty()) {
                lines.add(collapsed);
            }
        }
        return new Paragraph(String.join("\n", lines), links, box.element.normalName(), run.linkDensity(), nodes);
    }

    /** Line breaks in the source are spaces on screen, except in preformatted text; {@code <br>} breaks a line. */
    private static void append(Node node, StringBuilder raw, List<Link> links, boolean preformatted) {
        NodeTraversor.traverse((child, depth) -> {
            if (child instanceof TextNode text) {
                String whole = text.getWholeText();
                raw.append(preformatted ? whole : whole.replace('\n', ' ').replace('\r', ' '));
            } else if (child instanceof Element element) {
                if (element.normalName().equals("br")) {
                    raw.append('\n');
                } else if (element.normalName().equals("a")) {
                    links.add(new Link(Whitespace.label(element.text()), url(element)));
                }
            }
        }, node);
    }

    /**
     * The line rules of pasted text, applied to every line of every paragraph in page order; paragraphs beside the
     * body ({@code body} false) give tags and related links but no text.
     */
    private void readLines(List<Paragraph> paragraphs, boolean body) {
        boolean inRelatedList = false;
        boolean tagsOnNextLine = false;
        for (Paragraph paragraph : paragraphs) {
            if (isPromotion(paragraph)) {
                paragraph.links().forEach(link -> addRelated(link.text(), link.url(), null, PageMetadata.TEXT, false));
                dropped.addAll(paragraph.nodes());
                continue;
            }
            List<String> kept = new ArrayList<>();
            for (String line : paragraph.text().split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                String label = Whitespace.label(line);
                Folded folded = Folded.of(label);
                if (inRelatedList) {
                    inRelatedList = readRelated(label, paragraph);
                    if (inRelatedList) {
                        continue;
                    }
                }
                if (tagsOnNextLine) {
                    tagsOnNextLine = false;
                    addTags(label);
                    continue;
                }
                if (Boilerplate.isEndMarker(folded)) {
                    inRelatedList = true;
                    continue;
                }
                Optional<String> tagLine = Boilerplate.tagLine(folded);
                if (tagLine.isPresent()) {
                    tagsOnNextLine = tagLine.get().isBlank() && paragraph.links().isEmpty();
                    addTags(tagLine.get());
                    paragraph.links().forEach(link -> addTags(link.text()));
                    continue;
                }
                if (Boilerplate.isSocial(folded)) {
                    Boilerplate.siteName(folded).ifPresent(siteNames::add);
                    continue;
                }
                boolean beforeBody = text.isEmpty() && kept.isEmpty();
                if (Boilerplate.isPageFurniture(folded) || folded.text().equals(title)
                        || beforeBody && (paragraph.tag().equals("h1") || Byline.read(label, dates).isPresent())) {
                    continue;
                }
                Optional<String> link = Boilerplate.relatedLink(folded);
                if (link.isPresent()) {
                    addRelated(link.get(), paragraph, true);
                    continue;
                }
                kept.add(line);
            }
            if (!body) {
                continue;
            }
            if (kept.isEmpty()) {
                dropped.addAll(paragraph.nodes());
            } else {
                text.add(String.join("\n", kept));
            }
        }
    }

    /**
     * Links alone between paragraphs, to the site's own pages, promote its other articles ("SEE ALSO", "[VIDEO]");
     * links elsewhere ("Get it on Amazon") are part of what the article says.
     */
    private boolean isPromotion(Paragraph paragraph) {
        return paragraph.linkDensity() > MAX_LINK_DENSITY && site != null && !paragraph.links().isEmpty()
                && paragraph.links().stream().allMatch(link -> site.equals(site(link.url())));
    }

    /** The host without "www.", or null when the address has none. */
    private static String site(String url) {
        if (url == null) {
            return null;
        }
        try {
            String host = URI.create(url.strip()).getHost();
            return host == null ? null : host.toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * After a "Related articles" heading: linked headlines, each perhaps followed by its teaser. False when the line
     * is neither, which ends the list: the heading only introduced a box in the middle of the article.
     */
    private boolean readRelated(String label, Paragraph paragraph) {
        if (Boilerplate.isTitleLike(label) && (!paragraph.links().isEmpty() || paragraph.heading())) {
            addRelated(label, paragraph, true);
            return true;
        }
        if (related.isEmpty() || !paragraph.links().isEmpty() || label.length() > MAX_TEASER_LINE) {
            return false;
        }
        String key = new ArrayList<>(related.keySet()).get(related.size() - 1);
        RelatedLink last = related.get(key);
        if (last.teaser() != null) {
            return false;
        }
        related.put(key, new RelatedLink(last.title(), last.url(), label));
        return true;
    }

    private void addRelated(String linkTitle, Paragraph paragraph, boolean announced) {
        String url = paragraph.links().size() == 1 ? paragraph.links().get(0).url() : null;
        for (Link link : paragraph.links()) {
            if (linkTitle.contains(link.text()) || link.text().contains(linkTitle)) {
                url = link.url();
                break;
            }
        }
        addRelated(linkTitle, url, null, PageMetadata.TEXT, announced);
    }

    /**
     * @param announced whether the page said the link is to another article ("Read more: X", a "Related articles"
     *                  heading); otherwise only a headline of a few words, not a label such as "Columnists" or a call
     *                  such as "View all", counts
     */
    private void addRelated(String linkTitle, String url, String teaser, String source, boolean announced) {
        if (!Boilerplate.isTitleLike(linkTitle) || !announced && !isHeadline(linkTitle)
                || Boilerplate.isSocial(Folded.of(linkTitle)) || url != null && !isOtherPage(url)) {
            return;
        }
        if (related.putIfAbsent(Folded.fold(linkTitle), new RelatedLink(linkTitle, url, teaser)) == null
                && relatedSource == null) {
            relatedSource = source;
        }
    }

    /** Four words at least, or a dozen characters of a script written without spaces between words. */
    private static boolean isHeadline(String title) {
        return title.split(" ").length >= MIN_HEADLINE_WORDS
                || title.codePointCount(0, title.length()) >= MIN_UNSPACED_HEADLINE_LENGTH
                        && title.codePoints().anyMatch(c -> UNSPACED_SCRIPTS.contains(Character.UnicodeScript.of(c)));
    }

    /** A web page other than this one: not an anchor on this page, a script or a mail address. */
    private boolean isOtherPage(String url) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            return false;
        }
        return pageUrl == null || !withoutFragment(url).equals(withoutFragment(pageUrl));
    }

    private static String withoutFragment(String url) {
        int hash = url.indexOf('#');
        return hash < 0 ? url : url.substring(0, hash);
    }

    private void addTags(String line) {
        for (String tag : Boilerplate.splitTags(line)) {
            tags.putIfAbsent(Folded.fold(tag), tag);
            tagSource = tagSource == null ? PageMetadata.TEXT : tagSource;
        }
    }

    /**
     * Lazy-loading pages keep the real address in a data attribute until a script swaps it in, and show a
     * placeholder till then.
     */
    private static void unlazy(Element image) {
        for (String attribute : List.of("data-src", "data-lazy-src", "data-original", "data-url")) {
            if (image.hasAttr(attribute)) {
                image.attr("src", image.attr(attribute));
                return;
            }
        }
    }
}
