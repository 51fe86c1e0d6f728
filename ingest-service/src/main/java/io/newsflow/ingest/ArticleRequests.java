package io.newsflow.ingest;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.contract.Article;
import io.newsflow.contract.Problem.FieldError;
import io.newsflow.extraction.HumanDateParser;

/**
 * Turns a pushed JSON article into an {@link Article}, collecting every problem instead of stopping at the first, so
 * a publisher sees all that is wrong in one answer.
 */
public final class ArticleRequests {

    static final Set<String> FIELDS = Set.of("title", "text", "url", "author", "publishedAt", "section", "source",
            "language", "tags");
    private static final int MAX_TAGS = 50;
    private static final int MAX_UNKNOWN_LISTED = 10;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HumanDateParser DATES = new HumanDateParser();

    private ArticleRequests() {
    }

    public static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("The request body is empty.", List.of());
        }
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            // A limit of the parser (nesting deeper than Jackson's 500 levels, say) has no location.
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new InvalidInputException("The body is not valid JSON: " + e.getOriginalMessage() + where + ".",
                    List.of());
        }
    }

    /**
     * @param zones time zone for a date printed without an offset, given the request's time zone and declared
     *              language and the language the date is written in
     */
    static Article toArticle(JsonNode json, String pointer, TimeZones zones) {
        List<FieldError> errors = new ArrayList<>();
        if (!json.isObject()) {
            throw new InvalidInputException("An article is a JSON object.",
                    List.of(new FieldError(pointer, "expected an object")));
        }
        int unknown = 0;
        for (Iterator<String> names = json.fieldNames(); names.hasNext();) {
            String name = names.next();
            // The first few are named, the rest counted: a body of 100,000 made-up fields gets an answer of a few
            // lines, not one error each.
            if (!FIELDS.contains(name) && ++unknown <= MAX_UNKNOWN_LISTED) {
                errors.add(new FieldError(pointer + "/" + name,
                        "unknown field; known fields are " + String.join(", ", FIELDS.stream().sorted().toList())));
            }
        }
        if (unknown > MAX_UNKNOWN_LISTED) {
            errors.add(new FieldError(pointer.isEmpty() ? "/" : pointer,
                    (unknown - MAX_UNKNOWN_LISTED) + " more unknown fields"));
        }
        String title = text(json, "title", pointer, true, 1000, errors);
        String body = text(json, "text", pointer, true, 1_000_000, errors);
        String url = text(json, "url", pointer, false, 4000, errors);
        if (url != null) {
            url = canonicalUrl(url).orElse(null);
            if (url == null) {
                errors.add(new FieldError(pointer + "/url", URL_RULE));
            }
        }
        String language = text(json, "language", pointer, false, 2, errors);
        if (language != null && !language.matches("[a-zA-Z]{2}")) {
            errors.add(new FieldError(pointer + "/language", "must be an ISO 639-1 code such as fr, en or ar"));
            language = null;
        }
        language = language == null ? null : language.toLowerCase(Locale.ROOT);
        String publishedText = text(json, "publishedAt", pointer, false, 100, errors);
        OffsetDateTime publishedAt = null;
        if (publishedText != null) {
            publishedAt = parseDate(publishedText, zones.forDeclaredLanguage(language));
            if (publishedAt == null) {
                errors.add(new FieldError(pointer + "/publishedAt",
                        "not a date: use ISO 8601 with an offset, such as 2023-01-18T15:20:00+01:00"));
            }
        }
        List<String> tags = tags(json, pointer, errors);
        Article article = new Article(title, body, url, text(json, "author", pointer, false, 500, errors), publishedAt,
                text(json, "section", pointer, false, 200, errors), text(json, "source", pointer, false, 200, errors),
                language, tags);
        if (!errors.isEmpty()) {
            throw new InvalidInputException("The article has " + errors.size() + " invalid field(s).", errors);
        }
        return article;
    }

    /** ISO 8601, RFC 1123 or a human date in one of the news languages; null when it is none of these. */
    public static final String URL_RULE = "must be an absolute http or https URL";

    /** The canonical form of an absolute http(s) URL; empty for anything else. */
    public static Optional<String> canonicalUrl(String url) {
        try {
            return Optional.of(Ingestion.canonicalUrl(url));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static OffsetDateTime parseDate(String value, Function<String, ZoneId> zoneForLanguage) {
        return DATES.parse(value)
                .map(d -> d.toOffsetDateTime(zoneForLanguage.apply(DATES.monthLanguage(value).orElse(null))))
                .orElse(null);
    }

    private static String text(JsonNode json, String field, String pointer, boolean required, int maxLength,
            List<FieldError> errors) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                errors.add(new FieldError(pointer + "/" + field, "is required"));
            }
            return null;
        }
        if (!node.isTextual()) {
            errors.add(new FieldError(pointer + "/" + field, "must be a string"));
            return null;
        }
        String value = node.asText().strip();
        if (value.isEmpty()) {
            if (required) {
                errors.add(new FieldError(pointer + "/" + field, "must not be blank"));
            }
            return null;
        }
        if (value.length() > maxLength) {
            errors.add(new FieldError(pointer + "/" + field, "is longer than " + maxLength + " characters"));
            return null;
        }
        return value;
    }

    private static List<String> tags(JsonNode json, String pointer, List<FieldError> errors) {
        JsonNode node = json.get("tags");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            errors.add(new FieldError(pointer + "/tags", "must be an array of strings"));
            return List.of();
        }
        // Repeats are allowed and dropped, but a list far over the limit is refused whole: one error, not one per
        // entry, and no work that grows with a hostile list's length.
        if (node.size() > 2 * MAX_TAGS) {
            errors.add(new FieldError(pointer + "/tags", "has " + node.size() + " entries; at most " + MAX_TAGS
                    + " tags"));
            return List.of();
        }
        Set<String> tags = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode tag = node.get(i);
            if (!tag.isTextual() || tag.asText().isBlank()) {
                errors.add(new FieldError(pointer + "/tags/" + i, "must be a non-blank string"));
            } else {
                tags.add(tag.asText().strip());
            }
        }
        if (tags.size() > MAX_TAGS) {
            errors.add(new FieldError(pointer + "/tags", "has more than " + MAX_TAGS + " tags"));
        }
        return List.copyOf(tags);
    }
}
