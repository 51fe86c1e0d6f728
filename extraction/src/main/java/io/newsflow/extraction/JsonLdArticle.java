package io.newsflow.extraction;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The article a page describes in JSON-LD: the first {@code NewsArticle}, {@code Article}, {@code BlogPosting} or
 * other article type, wherever it sits (top level, an array, an {@code @graph}, a {@code mainEntity}), with its type
 * given as a string or an array. Real pages publish broken JSON-LD: raw line breaks in strings, trailing commas,
 * comments, HTML comment wrappers, two objects back to back. The lenient parser takes all of these; when even it
 * fails, the plain string fields are read with a pattern so that a stray quote elsewhere does not lose the headline.
 */
final class JsonLdArticle {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER, JsonReadFeature.ALLOW_MISSING_VALUES,
                    JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .build();

    private static final Set<String> ARTICLE_TYPES = Set.of("article", "newsarticle", "blogposting",
            "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle", "backgroundnewsarticle",
            "reviewnewsarticle", "askpublicnewsarticle", "techarticle", "scholarlyarticle", "satiricalarticle",
            "advertisercontentarticle", "liveblogposting", "socialmediaposting", "report");

    /** Nested objects are rarely deeper than a graph inside a page inside an array. */
    private static final int MAX_DEPTH = 6;

    /**
     * The fields a broken block still gives reliably: "name" could be the author's or the publisher's. The string is
     * matched as an unrolled loop of possessive runs: an alternation inside a repeated group makes java.util.regex
     * recurse once per character, and a long string in a page overflowed the stack.
     */
    private static final Pattern STRING_FIELD = Pattern.compile("\"(headline|datePublished|dateCreated|dateModified"
            + "|articleSection|inLanguage)\"\\s*:\\s*\"([^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+)\"");
    private static final Pattern TYPE_FIELD = Pattern.compile("\"@type\"\\s*:\\s*\\[?\\s*\"([^\"]+)\"");
    private static final Pattern WRAPPER = Pattern.compile("^\\s*(?:<!--|//\\s*<!\\[CDATA\\[|<!\\[CDATA\\[)|"
            + "(?:-->|//\\s*]]>|]]>)\\s*$");

    private final JsonNode article;
    private final Map<String, String> fallback;

    private JsonLdArticle(JsonNode article, Map<String, String> fallback) {
        this.article = article;
        this.fallback = fallback;
    }

    static JsonLdArticle of(Document page) {
        Map<String, String> fallback = new HashMap<>();
        for (Element script : page.select("script[type]")) {
            if (!script.attr("type").toLowerCase(Locale.ROOT).contains("ld+json")) {
                continue;
            }
            String json = WRAPPER.matcher(script.data()).replaceAll("");
            Optional<JsonNode> found = parse(json).flatMap(root -> find(root, 0));
            if (found.isPresent()) {
                return new JsonLdArticle(found.get(), Map.of());
            }
            if (fallback.isEmpty() && mentionsArticleType(json)) {
                Matcher m = STRING_FIELD.matcher(json);
                while (m.find()) {
                    fallback.putIfAbsent(m.group(1), unescape(m.group(2)));
                }
            }
        }
        return new JsonLdArticle(null, fallback);
    }

    Optional<String> text(String field) {
        if (article == null) {
            return Optional.ofNullable(fallback.get(field))
                    .map(s -> Whitespace.label(Parser.unescapeEntities(s, false)))
                    .filter(s -> !s.isEmpty());
        }
        return text(article.get(field));
    }

    /** Names of a person or organisation field: a string, an object with a name, or an array of either. */
    Optional<String> names(String field) {
        if (article == null) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        collectNames(article.get(field), names);
        return names.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", names));
    }

    /** A nested object's field: {@code publisher.name}, {@code image.url}. */
    Optional<String> nested(String field, String inner) {
        if (article == null) {
            return Optional.empty();
        }
        JsonNode node = article.get(field);
        if (node != null && node.isArray() && !node.isEmpty()) {
            node = node.get(0);
        }
        if (node == null) {
            return Optional.empty();
        }
        return node.isObject() ? text(node.get(inner)) : text(node);
    }

    /**
     * The {@code articleBody} as paragraphs: publishers write it as plain text with line breaks, some with HTML
     * tags and entities left in.
     */
    List<String> articleBody() {
        List<String> paragraphs = new ArrayList<>();
        JsonNode node = article == null ? null : article.get("articleBody");
        if (node == null || !node.isTextual()) {
            return paragraphs;
        }
        for (String line : node.asText().split("\\R")) {
            boolean marked = line.indexOf('<') >= 0 || line.indexOf('&') >= 0;
            String paragraph = Whitespace.paragraph(marked ? Jsoup.parseBodyFragment(line).text() : line);
            if (!paragraph.isEmpty()) {
                paragraphs.add(paragraph);
            }
        }
        return paragraphs;
    }

    /** Keywords given as an array or as one comma-separated string. */
    List<String> keywords() {
        List<String> keywords = new ArrayList<>();
        JsonNode node = article == null ? null : article.get("keywords");
        if (node == null) {
            return keywords;
        }
        if (node.isArray()) {
            node.forEach(k -> text(k).ifPresent(keywords::add));
        } else {
            text(node).ifPresent(s -> keywords.addAll(Boilerplate.splitTags(s)));
        }
        return keywords;
    }

    private static Optional<JsonNode> parse(String json) {
        try (JsonParser parser = JSON.createParser(json);
                MappingIterator<JsonNode> roots = JSON.readValues(parser, JsonNode.class)) {
            List<JsonNode> all = new ArrayList<>();
            while (roots.hasNextValue()) {
                all.add(roots.nextValue());
            }
            return all.size() == 1 ? Optional.of(all.get(0)) : Optional.of(JSON.valueToTree(all));
        } catch (IOException | RuntimeException e) {
            // A broken block is common enough to be normal: the caller falls back to reading its string fields.
            return Optional.empty();
        }
    }

    private static Optional<JsonNode> find(JsonNode node, int depth) {
        if (node == null || depth > MAX_DEPTH) {
            return Optional.empty();
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                Optional<JsonNode> found = find(element, depth + 1);
                if (found.isPresent()) {
                    return found;
                }
            }
            return Optional.empty();
        }
        if (!node.isObject()) {
            return Optional.empty();
        }
        if (isArticle(node.get("@type"))) {
            return Optional.of(node);
        }
        for (String container : List.of("@graph", "mainEntity")) {
            Optional<JsonNode> found = find(node.get(container), depth + 1);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static boolean isArticle(JsonNode type) {
        if (type == null) {
            return false;
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (isArticle(t)) {
                    return true;
                }
            }
            return false;
        }
        String name = type.asText();
        // "schema:NewsArticle", "http://schema.org/NewsArticle"
        String local = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf(':')) + 1);
        return ARTICLE_TYPES.contains(local.toLowerCase(Locale.ROOT));
    }

    private static boolean mentionsArticleType(String json) {
        Matcher m = TYPE_FIELD.matcher(json);
        while (m.find()) {
            String name = m.group(1);
            if (ARTICLE_TYPES.contains(name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static void collectNames(JsonNode node, List<String> names) {
        if (node == null) {
            return;
        }
        if (node.isArray()) {
            node.forEach(element -> collectNames(element, names));
        } else if (node.isObject()) {
            text(node.get("name")).ifPresent(names::add);
        } else {
            text(node).ifPresent(names::add);
        }
    }

    private static Optional<String> text(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isArray()) {
            return node.isEmpty() ? Optional.empty() : text(node.get(0));
        }
        if (node.isObject()) {
            return text(node.get("@value") != null ? node.get("@value") : node.get("url"));
        }
        // Publishing tools often HTML-escape the strings they put in JSON: "Trump&#8217;s".
        String value = Whitespace.label(Parser.unescapeEntities(node.asText(), false));
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private static String unescape(String json) {
        StringBuilder out = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != '\\' || i + 1 == json.length()) {
                out.append(c);
                continue;
            }
            char next = json.charAt(++i);
            if (next == 'u' && i + 4 < json.length()) {
                try {
                    out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                    continue;
                } catch (NumberFormatException e) {
                    // Not a real escape: keep the characters as they are.
                    out.append('u');
                    continue;
                }
            }
            out.append(switch (next) {
                case 'n' -> ' ';
                case 't' -> ' ';
                default -> next;
            });
        }
        return out.toString();
    }
}
