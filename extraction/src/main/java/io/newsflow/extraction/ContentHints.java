package io.newsflow.extraction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jsoup.nodes.Element;

/**
 * What an element's tag, class names, id and ARIA role say about it. Class names are split into words ("articleBody",
 * "article-body" and "article_body" all give "article" and "body") and the words are looked up, rather than searched
 * for as substrings, so that "ad" does not fire inside "header" or "shadow". The words are those CSS authors use in
 * English, German, French, Spanish, Portuguese and Italian. Not thread-safe: one instance serves one page and caches
 * what it read per class attribute, since a page repeats the same few dozen of them.
 */
final class ContentHints {

    /** Text that belongs to the article: "article-body", "entry-content", "story". */
    static final int CONTENT = 1;
    /** Page furniture: navigation, adverts, share bars, comments, bylines, captions. */
    static final int BOILERPLATE = 1 << 1;
    /** Links to other articles, harvested as related links before the block is dropped. */
    static final int RELATED = 1 << 2;
    /** Topic labels, harvested as tags before the block is dropped. */
    static final int TAGS = 1 << 3;
    /**
     * Text nobody sees: what only screen readers get ("Advertisement", "Opens in a new window") and what a CSS
     * framework's class hides.
     */
    static final int INVISIBLE = 1 << 4;
    /**
     * Always with {@link #BOILERPLATE}: the article's own furniture (byline, caption, tags, header) rather than the
     * page's, so it sits inside the article and does not mark where the article ends.
     */
    static final int FURNITURE = 1 << 5;

    private static final Set<String> CONTENT_WORDS = Set.of("article", "articlebody", "body", "content", "contents",
            "entry", "main", "post", "story", "storybody", "text", "prose", "blog", "hentry", "copy", "bodytext",
            "richtext", "artikel", "inhalt", "beitrag", "texto", "noticia", "conteudo", "contenido", "contenu",
            "corpo", "testo", "articolo", "materia", "cuerpo", "corps", "haupt");

    /** Words that name page furniture whatever else the element is called: "article-comments" are comments. */
    private static final Set<String> BOILERPLATE_WORDS = Set.of(
            // navigation and page frame
            "nav", "navbar", "navigation", "menu", "menubar", "breadcrumb", "breadcrumbs", "pagination", "pager",
            "paging", "toolbar", "topbar", "masthead", "footer", "sidebar", "aside", "rail", "widget", "widgets",
            "sitemap", "skip", "jump",
            // adverts
            "ad", "ads", "adv", "advert", "adverts", "advertisement", "advertising", "adslot", "adunit", "dfp",
            "banner", "sponsor", "sponsored", "promo", "promos", "promoted", "promotion", "commercial", "werbung",
            "anzeige", "publicite", "publicidad", "publicidade", "pubblicita", "pub", "reklama",
            // sharing and following
            "share", "sharing", "shares", "sharebar", "social", "socials", "teilen", "partage", "partager",
            "compartir", "compartilhar", "condividi",
            // comments
            "comment", "comments", "disqus", "respond", "reply", "replies", "discussion", "kommentar", "kommentare",
            "commentaires", "comentarios", "commenti",
            // calls to subscribe
            "subscribe", "subscription", "newsletter", "newsletters", "signup", "login", "register",
            "cta", "optin", "cookie", "cookies", "consent", "gdpr", "popup", "modal", "overlay", "dialog");

    /**
     * Words for an article's own furniture, which a page also uses on the article itself: WordPress marks a post
     * {@code <article class="post has-post-thumbnail tag-elections">}. They count only when the element's other
     * class names do not call it content.
     */
    private static final Set<String> FURNITURE_WORDS = Set.of("header", "toc", "tools", "utility", "utilities",
            "actions", "print", "email", "follow", "byline", "author", "authors", "meta", "metadata", "dateline",
            "timestamp", "date", "published", "updated", "bio", "caption", "captions", "figcaption", "credit",
            "credits", "copyright", "legal", "gallery", "slideshow", "carousel", "slider", "thumbnail", "thumb",
            "icon", "icons", "logo", "badge", "button", "btn", "lightbox");

    private static final Set<String> RELATED_WORDS = Set.of("related", "relatedposts", "recommended",
            "recommendation", "recommendations", "recirc", "recirculation", "trending", "popular", "mostread",
            "mostpopular", "readmore", "readnext", "upnext", "more", "outbrain", "taboola", "zergnet", "teaser",
            "teasers", "similar", "relacionadas", "relacionados", "correlati", "verwandte", "similaires", "lesetipps");

    private static final Set<String> TAG_WORDS = Set.of("tags", "tag", "taglist", "keywords", "topics", "subjects",
            "schlagworte", "etiquetas", "motscles");

    /** Compounds written as one word: "sharebar", "commentlist", "relatedposts", "newsletterbox". */
    private static final List<String> BOILERPLATE_STEMS = List.of("share", "social", "comment", "sidebar",
            "newsletter", "advert", "sponsor", "promo", "breadcrumb", "footer", "navbar", "subscri", "disqus",
            "cookie");
    private static final List<String> FURNITURE_STEMS = List.of("byline", "caption");
    private static final List<String> RELATED_STEMS = List.of("related", "recommend", "outbrain", "taboola",
            "trending", "mostread", "mostpopular", "readmore", "readnext");

    /** Words after which the next one states a layout option, not a role: "has-sidebar", "with-comments". */
    private static final Set<String> MODIFIERS = Set.of("has", "no", "with", "without", "show", "hide", "enable",
            "disable", "is", "allow");

    /** Whole class names, as CSS frameworks spell them: "hidden-xs" hides on phones only and stays. */
    private static final Set<String> INVISIBLE_CLASSES = Set.of("sr-only", "screen-reader-text", "visually-hidden",
            "visuallyhidden", "element-invisible", "screenreader-only", "sr-text", "a11y-hidden", "offscreen",
            "hidden", "hide", "invisible");

    private static final Set<String> BOILERPLATE_TAGS = Set.of("nav", "aside", "footer", "form", "menu");
    private static final Set<String> FURNITURE_TAGS = Set.of("header", "address", "figcaption", "caption");

    private static final Set<String> BOILERPLATE_ROLES = Set.of("navigation", "banner", "contentinfo",
            "complementary", "menu", "menubar", "search", "dialog", "alert", "alertdialog", "tooltip", "toolbar");

    private final Map<String, Integer> byAttributes = new HashMap<>();

    int of(Element element) {
        String classes = element.className();
        String id = element.id();
        int hints = classes.isEmpty() && id.isEmpty() ? 0
                : byAttributes.computeIfAbsent(classes + '#' + id, key -> read(classes, id));
        String tag = element.normalName();
        if (BOILERPLATE_TAGS.contains(tag)) {
            hints = hints & ~FURNITURE | BOILERPLATE;
        } else if (FURNITURE_TAGS.contains(tag)) {
            hints |= (hints & BOILERPLATE) == 0 ? BOILERPLATE | FURNITURE : 0;
        } else if (tag.equals("article") || tag.equals("main")) {
            hints |= CONTENT;
        }
        String role = element.attr("role");
        if (!role.isEmpty()) {
            String lower = role.toLowerCase(Locale.ROOT);
            if (BOILERPLATE_ROLES.contains(lower)) {
                hints = hints & ~FURNITURE | BOILERPLATE;
            } else if (lower.equals("main") || lower.equals("article")) {
                hints |= CONTENT;
            }
        }
        if (element.attr("itemprop").equalsIgnoreCase("articleBody")) {
            hints |= CONTENT;
        }
        return hints;
    }

    /**
     * Each class name (and the id) votes: one naming the page's furniture (comments, adverts, menus) settles it;
     * otherwise names calling the element content outvote names calling it the article's furniture (byline, caption,
     * tags).
     */
    private static int read(String classes, String id) {
        int strong = 0;
        int furniture = 0;
        int contentVotes = 0;
        int furnitureVotes = 0;
        int invisible = 0;
        for (String name : (classes + " " + id).split("\\s+")) {
            if (name.isEmpty()) {
                continue;
            }
            if (INVISIBLE_CLASSES.contains(name.toLowerCase(Locale.ROOT))) {
                invisible = INVISIBLE;
            }
            int nameHints = 0;
            boolean modified = false;
            for (String word : split(name)) {
                if (modified) {
                    modified = false;
                } else if (MODIFIERS.contains(word)) {
                    modified = true;
                } else {
                    nameHints |= word(word);
                }
            }
            strong |= nameHints & (BOILERPLATE | RELATED);
            if ((nameHints & FURNITURE) != 0) {
                furniture |= nameHints & TAGS;
                furnitureVotes++;
            } else if ((nameHints & CONTENT) != 0) {
                contentVotes++;
            }
        }
        if (strong != 0) {
            return strong | BOILERPLATE | invisible;
        }
        if (furnitureVotes > contentVotes) {
            return furniture | BOILERPLATE | FURNITURE | invisible;
        }
        return (contentVotes > 0 ? CONTENT : 0) | invisible;
    }

    private static int word(String word) {
        if (CONTENT_WORDS.contains(word)) {
            return CONTENT;
        }
        if (TAG_WORDS.contains(word)) {
            return TAGS | FURNITURE;
        }
        if (RELATED_WORDS.contains(word) || startsWithAny(word, RELATED_STEMS)) {
            return RELATED | BOILERPLATE;
        }
        if (BOILERPLATE_WORDS.contains(word) || startsWithAny(word, BOILERPLATE_STEMS)) {
            return BOILERPLATE;
        }
        if (FURNITURE_WORDS.contains(word) || startsWithAny(word, FURNITURE_STEMS)) {
            return FURNITURE;
        }
        return 0;
    }

    private static boolean startsWithAny(String word, List<String> stems) {
        for (String stem : stems) {
            if (word.startsWith(stem)) {
                return true;
            }
        }
        return false;
    }

    /** Lower-case words of a class name, split at punctuation, digits and camel-case humps. */
    private static List<String> split(String name) {
        List<String> words = new ArrayList<>(4);
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isLetter(c)) {
                flush(word, words);
                continue;
            }
            if (Character.isUpperCase(c) && word.length() > 0 && Character.isLowerCase(name.charAt(i - 1))) {
                flush(word, words);
            }
            word.append(Character.toLowerCase(c));
        }
        flush(word, words);
        return words;
    }

    private static void flush(StringBuilder word, List<String> words) {
        if (word.length() > 0) {
            words.add(word.toString());
            word.setLength(0);
        }
    }
}
