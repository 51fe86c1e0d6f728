package io.newsflow.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The wire format of every event: JSON, dates as ISO 8601 strings with their offset, absent values omitted.
 * Producers and consumers both go through here, so the two sides cannot drift apart.
 */
public final class EventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Keep "+01:00" as sent instead of normalising every date to UTC.
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            // Tolerant reader: a newer producer may add fields that this consumer does not know yet.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private EventJson() {
    }

    public static String write(Object event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write event " + event.getClass().getSimpleName(), e);
        }
    }

    public static ArticleIngested readIngested(String json) {
        ArticleIngested event = read(json, ArticleIngested.class);
        requireFields(event.eventId() != null && event.articleId() != null && event.article() != null,
                "ArticleIngested", event.schemaVersion());
        return event;
    }

    public static ArticleEnriched readEnriched(String json) {
        ArticleEnriched event = read(json, ArticleEnriched.class);
        requireFields(event.eventId() != null && event.articleId() != null && event.article() != null
                && event.enrichment() != null, "ArticleEnriched", event.schemaVersion());
        return event;
    }

    /** The same mapper as a tree, for tests and tools that look at the JSON itself. */
    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("Not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        if (json == null) {
            throw new MalformedEventException("Empty record value where " + type.getSimpleName() + " was expected",
                    null);
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("Not a " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static void requireFields(boolean present, String type, int schemaVersion) {
        if (!present) {
            throw new MalformedEventException(type + " lacks eventId, articleId or its payload", null);
        }
        if (schemaVersion < 1) {
            throw new MalformedEventException(type + " has no schemaVersion", null);
        }
    }
}
