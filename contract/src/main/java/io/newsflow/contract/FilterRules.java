package io.newsflow.contract;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How a filter value matches an article, in one place: enrich-service's routes, publish-service's store queries and
 * its live stream's in-memory matcher all follow these rules, so that a route, a feed and a stream with the same
 * filter carry the same articles. Every comparison ignores case and surrounding spaces; a keyword is matched by
 * its slug, so {@code Israël}, {@code israël} and {@code israel} find the same articles.
 */
public final class FilterRules {

    private FilterRules() {
    }

    /** The form values are compared in: stripped and lower-cased (locale-independent). */
    public static String key(String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }

    public static boolean language(String wanted, String language) {
        return key(wanted).equals(key(language));
    }

    public static boolean source(String wanted, String source) {
        return source != null && key(wanted).equals(key(source));
    }

    /** The keyword slugs a filter value stands for: itself lower-cased (a slug given as such) and its slug. */
    public static Set<String> keywordKeys(String wanted) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(key(wanted));
        if (!key(wanted).isEmpty()) {
            keys.add(Slugs.slug(wanted));
        }
        return keys;
    }

    public static boolean keyword(String wanted, List<Keyword> keywords) {
        Set<String> keys = keywordKeys(wanted);
        return keywords.stream().anyMatch(k -> keys.contains(k.slug()));
    }

    /** What an entity is found by: its name and each alias. */
    public static Set<String> entityKeys(Entity entity) {
        Set<String> keys = new LinkedHashSet<>();
        Stream.concat(Stream.of(entity.name()), entity.aliases().stream()).map(FilterRules::key).forEach(keys::add);
        return keys;
    }

    public static boolean entity(String wanted, List<Entity> entities) {
        return entities.stream().anyMatch(e -> entityKeys(e).contains(key(wanted)));
    }

    /** What a category is found by: its IPTC code and its label. */
    public static Set<String> categoryKeys(Category category) {
        return new LinkedHashSet<>(List.of(key(category.code()), key(category.label())));
    }

    public static boolean category(String wanted, List<Category> categories) {
        return categories.stream().anyMatch(c -> categoryKeys(c).contains(key(wanted)));
    }
}
