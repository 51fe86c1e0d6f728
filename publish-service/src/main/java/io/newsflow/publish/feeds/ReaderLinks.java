package io.newsflow.publish.feeds;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The reader page's links, built in Java because a template can neither URL-encode a value (an entity such as
 * {@code AT&T} or a category code such as {@code medtop:01000000} would break the query) nor merge one filter into
 * the others. Filters always come out in the same order, so equal filters give equal URLs, which caches and ETag
 * variants can rely on. A new filter drops the cursor: it starts a different list.
 */
public final class ReaderLinks {

    /** The filters the reader page knows, in URL order; any other query parameter is not carried over. */
    public static final List<String> FILTERS = List.of("language", "category", "keyword", "entity", "tag", "q");

    private final String path;
    private final Map<String, String> filters;

    /**
     * @param path    the reader page's path, e.g. {@code /read}; an article's page is below it
     * @param filters the active filters by name; blank values and unknown names are ignored
     */
    public ReaderLinks(String path, Map<String, String> filters) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("The reader page path must start with /, got " + path);
        }
        this.path = path;
        this.filters = canonical(filters);
    }

    public String path() {
        return path;
    }

    /** The active filters as a query string with its {@code ?}, or {@code ""} without filters. */
    public String query() {
        return query(filters);
    }

    /** The reader page with filter {@code name} set to {@code value} (or removed if blank), other filters kept. */
    public String filter(String name, String value) {
        if (!FILTERS.contains(name)) {
            throw new IllegalArgumentException("No reader filter is called " + name);
        }
        Map<String, String> changed = new HashMap<>(filters);
        changed.put(name, value);
        return path + query(canonical(changed));
    }

    /** The reader page without filter {@code name}. */
    public String without(String name) {
        return filter(name, null);
    }

    /** The next page: the same filters, after {@code cursor}. */
    public String page(String cursor) {
        String query = query();
        return path + query + (query.isEmpty() ? "?" : "&") + "cursor=" + encode(cursor);
    }

    /** An article's page. */
    public String article(String id) {
        return (path.endsWith("/") ? path : path + "/") + URLEncoder.encode(id, StandardCharsets.UTF_8)
                .replace("+", "%20");
    }

    private static Map<String, String> canonical(Map<String, String> given) {
        Map<String, String> ordered = new LinkedHashMap<>();
        for (String name : FILTERS) {
            String value = given.get(name);
            if (value != null && !value.isBlank()) {
                ordered.put(name, value.strip());
            }
        }
        return ordered;
    }

    private static String query(Map<String, String> filters) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        filters.forEach((name, value) -> query.add(name + "=" + encode(value)));
        return query.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
