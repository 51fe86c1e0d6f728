package io.newsflow.publish.rest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import io.newsflow.publish.store.ArticleQuery;

/** The filters every form of the feed takes, as query parameters. */
class Filters {

    @Parameter(description = "ISO 639-1 language, e.g. fr")
    @QueryParam("language")
    String language;
    @Parameter(description = "A publisher tag, exactly")
    @QueryParam("tag")
    String tag;
    @Parameter(description = "A keyword slug (israel) or text (Israël)")
    @QueryParam("keyword")
    String keyword;
    @Parameter(description = "An entity name or alias, any case (Maroc, FAR)")
    @QueryParam("entity")
    String entity;
    @Parameter(description = "An IPTC Media Topic code (medtop:11000000) or label (politics)")
    @QueryParam("category")
    String category;
    @Parameter(description = "The source, any case")
    @QueryParam("source")
    String source;
    @Parameter(description = "Published at or after: ISO 8601 date or date-time with offset")
    @QueryParam("since")
    String since;
    @Parameter(description = "Published before: ISO 8601 date or date-time with offset")
    @QueryParam("until")
    String until;
    @Parameter(description = "Words that must all be in the title, summary or keywords")
    @QueryParam("q")
    String q;

    ArticleQuery query() {
        return new ArticleQuery(present(language), present(tag), present(keyword), present(entity), present(category),
                present(source), present(since).map(v -> instant("since", v)),
                present(until).map(v -> instant("until", v)),
                present(q));
    }

    /** The reader page's filters, in the names ReaderLinks knows. */
    Map<String, String> readerFilters() {
        Map<String, String> filters = new LinkedHashMap<>();
        present(language).ifPresent(v -> filters.put("language", v));
        present(category).ifPresent(v -> filters.put("category", v));
        present(keyword).ifPresent(v -> filters.put("keyword", v));
        present(entity).ifPresent(v -> filters.put("entity", v));
        present(tag).ifPresent(v -> filters.put("tag", v));
        present(q).ifPresent(v -> filters.put("q", v));
        return filters;
    }

    private static Instant instant(String name, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            try {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeException again) {
                throw new BadRequestException(name + " must be an ISO 8601 date (2023-01-18) or date-time with offset "
                        + "(2023-01-18T15:20:00+01:00), not " + value);
            }
        }
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
