package io.newsflow.ingest;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.newsflow.extraction.RelatedLink;

/**
 * What ingest-service reads from an input, as {@code POST /extract} shows it, and where each field came from.
 *
 * @param publishedAt             ISO 8601 with the offset the page printed or the one inferred
 * @param publishedAtZoneInferred true when the input printed no offset and the time zone was inferred; absent for
 *                                JSON, which must carry its own
 * @param language                as declared by the input or the request, not detected
 * @param html                    the body, sanitised, or the text as escaped paragraphs
 * @param sources                 per field, where it came from: json-ld, open-graph, meta, time-element, markup,
 *                                text; {@code *} when every field came from one place (request, text, pass-through)
 */
@Schema(description = "The article as read from the input, without emitting it")
public record Extraction(
        @Schema(examples = "Le Maroc et Israël renforcent leur coopération militaire") String title,
        String author,
        @Schema(examples = "2023-01-18T15:20:00+01:00") String publishedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean publishedAtZoneInferred,
        String modifiedAt,
        String section,
        @Schema(examples = "Bladi.net") String siteName,
        String canonicalUrl,
        @Schema(examples = "fr") String language,
        String text,
        String html,
        List<String> tags,
        List<RelatedLink> related,
        String imageUrl,
        @Schema(examples = "{\"title\": \"json-ld\", \"text\": \"markup\"}") Map<String, String> sources) {
}
