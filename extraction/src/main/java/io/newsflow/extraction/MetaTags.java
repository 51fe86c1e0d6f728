package io.newsflow.extraction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * A page's {@code <meta>} tags by name, property, itemprop or http-equiv (lower-cased), each with its values in page
 * order.
 */
final class MetaTags {

    private final Map<String, List<String>> content = new HashMap<>();

    MetaTags(Document page) {
        for (Element meta : page.getElementsByTag("meta")) {
            String value = meta.attr("content");
            if (value.isBlank()) {
                continue;
            }
            for (String key : new String[] {"property", "name", "itemprop", "http-equiv"}) {
                String name = meta.attr(key);
                if (!name.isEmpty()) {
                    content.computeIfAbsent(name.strip().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
                }
            }
        }
    }

    /** The first of the names the page has, with entities decoded and whitespace collapsed. */
    Optional<String> first(String... names) {
        for (String name : names) {
            for (String value : content.getOrDefault(name, List.of())) {
                String label = label(value);
                if (!label.isEmpty()) {
                    return Optional.of(label);
                }
            }
        }
        return Optional.empty();
    }

    /** Every value of a repeated tag such as {@code article:tag}, in page order. */
    List<String> all(String name) {
        List<String> values = new ArrayList<>();
        for (String value : content.getOrDefault(name, List.of())) {
            String label = label(value);
            if (!label.isEmpty() && !values.contains(label)) {
                values.add(label);
            }
        }
        return values;
    }

    private static String label(String value) {
        return Whitespace.label(Parser.unescapeEntities(value, false));
    }
}
