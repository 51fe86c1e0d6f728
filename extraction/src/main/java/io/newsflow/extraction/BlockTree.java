package io.newsflow.extraction;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * A page seen the way a reader sees it: block elements ({@link Box}) holding runs of inline text ({@link Run}) and
 * further blocks. Inline elements that hold a block (a link around a whole teaser) count as blocks. Two line breaks
 * in a row end a run, as they end a paragraph on screen; one does not, since it only wraps a line of a paragraph.
 * <p>
 * Every run gets a value: its length in characters, positive when it reads as prose (long, or shorter but punctuated
 * like a sentence, with few of its characters in links) and negative when it reads as page furniture (a label, a
 * menu, a list of links). {@link MainContent} looks for the stretch of blocks whose values add up highest.
 */
final class BlockTree {

    /** Beyond this depth a subtree is read as one run: pathological pages nest unclosed tags thousands deep. */
    private static final int MAX_DEPTH = 300;
    /** A run this long is a paragraph whatever its punctuation; shorter ones must end like a sentence. */
    private static final int PARAGRAPH_LENGTH = 80;
    private static final int SENTENCE_LENGTH = 20;
    /** More linked than this and a short run is navigation or a headline of another article. */
    static final double MAX_LINK_DENSITY = 0.5;
    /** Labels, dates and buttons are short: they count against a region, but less than links do. */
    static final double LABEL_WEIGHT = -0.5;

    private static final Set<String> BLOCK_TAGS = Set.of("address", "article", "aside", "blockquote", "body",
            "center", "dd", "details", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
            "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "menu", "nav",
            "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
            "caption", "legend");

    /** What every item shares: its extent among its parent's child nodes, and its text counts. */
    abstract static sealed class Item permits Run, Box {
        int first;
        int last;
        int chars;
        int linkChars;
        char lastChar;
        /** The summed value of the prose in it, ignoring every class-name hint. */
        double prose;

        double linkDensity() {
            return chars == 0 ? 0 : (double) linkChars / chars;
        }

        void add(Item other) {
            chars += other.chars;
            linkChars += other.linkChars;
            if (other.chars > 0) {
                lastChar = other.lastChar;
            }
        }
    }

    /** Inline content between two block boundaries: one paragraph on screen. */
    static final class Run extends Item {
        double value;
    }

    static final class Box extends Item {
        final Element element;
        final int hints;
        final List<Item> items = new ArrayList<>();
        boolean hasBlock;
        /** Null for the root. */
        Box parent;
        /** Whether a block inside (or the box itself) is called content and is not also called boilerplate. */
        boolean holdsContent;
        /** The first two runs with text inside the box, in page order: where a teaser card puts its headline. */
        Run lead;
        Run secondLead;

        Box(Element element, int hints) {
            this.element = element;
            this.hints = hints;
        }
    }

    private final ContentHints hints;

    BlockTree(ContentHints hints) {
        this.hints = hints;
    }

    Box build(Element root) {
        return box(root, 0, false);
    }

    /** @param inLink whether an ancestor is a link, whose whole text then counts as link text */
    private Box box(Element element, int depth, boolean inLink) {
        Box box = new Box(element, hints.of(element));
        box.holdsContent = (box.hints & (ContentHints.CONTENT | ContentHints.BOILERPLATE)) == ContentHints.CONTENT;
        boolean link = inLink || element.normalName().equals("a");
        if (depth > MAX_DEPTH) {
            Run run = new Run();
            run.first = 0;
            run.last = element.childNodeSize() - 1;
            flatten(element, run, link);
            close(run, box);
            return box;
        }
        Run run = null;
        boolean lineBreak = false;
        for (int i = 0; i < element.childNodeSize(); i++) {
            Node child = element.childNode(i);
            if (child instanceof TextNode text) {
                if (text.isBlank()) {
                    continue;
                }
                run = run == null ? startRun(i) : run;
                run.last = i;
                count(text.getWholeText(), run, link);
                lineBreak = false;
            } else if (child instanceof Element childElement) {
                String tag = childElement.normalName();
                if (tag.equals("br")) {
                    if (lineBreak && run != null) {
                        close(run, box);
                        run = null;
                    }
                    lineBreak = true;
                    continue;
                }
                lineBreak = false;
                Box childBox = box(childElement, depth + 1, link);
                // A caption or a date in a span is furniture in its own right, not part of the text around it; a link's
                // class names style the link ("icon", "external"), they do not take it out of its sentence.
                if (childBox.hasBlock || BLOCK_TAGS.contains(tag)
                        || (childBox.hints & ContentHints.BOILERPLATE) != 0 && !tag.equals("a")) {
                    if (run != null) {
                        close(run, box);
                        run = null;
                    }
                    childBox.first = i;
                    childBox.last = i;
                    childBox.parent = box;
                    lead(box, childBox.lead);
                    lead(box, childBox.secondLead);
                    box.items.add(childBox);
                    box.add(childBox);
                    box.prose += childBox.prose;
                    box.hasBlock = true;
                    box.holdsContent |= childBox.holdsContent;
                } else if (childBox.chars > 0) {
                    run = run == null ? startRun(i) : run;
                    run.last = i;
                    run.add(childBox);
                }
            }
        }
        if (run != null) {
            close(run, box);
        }
        return box;
    }

    private static Run startRun(int index) {
        Run run = new Run();
        run.first = index;
        return run;
    }

    private static void lead(Box box, Run run) {
        if (run == null) {
            return;
        }
        if (box.lead == null) {
            box.lead = run;
        } else if (box.secondLead == null) {
            box.secondLead = run;
        }
    }

    private static void close(Run run, Box box) {
        lead(box, run);
        run.value = value(run);
        box.items.add(run);
        box.add(run);
        run.prose = Math.max(0, run.value);
        box.prose += run.prose;
    }

    private static double value(Run run) {
        if (run.chars == 0) {
            return 0;
        }
        double linkDensity = run.linkDensity();
        boolean prose = run.chars >= PARAGRAPH_LENGTH
                || run.chars >= SENTENCE_LENGTH && endsSentence(run.lastChar);
        if (prose) {
            // Deal posts and link roundups write sentences half made of links: they count less, not against.
            return run.chars * (1 - 2 * linkDensity);
        }
        return linkDensity > MAX_LINK_DENSITY ? -run.chars : LABEL_WEIGHT * run.chars;
    }

    private static boolean endsSentence(char c) {
        return switch (c) {
            case '.', '!', '?', '…', '。', '！', '？', '"', '”', '»', ')', ':', '؟', '۔' -> true;
            default -> false;
        };
    }

    /** Counts a whole subtree into one run, without recursing: this is where the nesting is deepest. */
    private static void flatten(Element element, Run run, boolean inLink) {
        int[] linkDepth = {inLink ? 1 : 0};
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    count(text.getWholeText(), run, linkDepth[0] > 0);
                } else if (node instanceof Element child && child != element && child.normalName().equals("a")) {
                    linkDepth[0]++;
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element child && child != element && child.normalName().equals("a")) {
                    linkDepth[0]--;
                }
            }
        }, element);
    }

    /** Counts characters that are not whitespace, so that a page's indentation weighs nothing. */
    private static void count(String text, Item item, boolean inLink) {
        int chars = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0') {
                continue;
            }
            chars++;
            item.lastChar = c;
        }
        item.chars += chars;
        if (inLink) {
            item.linkChars += chars;
        }
    }
}
