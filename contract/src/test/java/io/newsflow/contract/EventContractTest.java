package io.newsflow.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** The real codec and the published schema files; events are built in the test. */
class EventContractTest {

    static final Article ARTICLE = new Article("Israël et le Maroc veulent renforcer leur coopération militaire",
            "Les perspectives de coopération…", "https://www.bladi.net/israel-maroc.html", "A.T",
            OffsetDateTime.parse("2023-01-18T15:20:00+01:00"), "Maroc", "bladi.net", "fr",
            List.of("Rabat", "Forces Armées Royales (FAR)"));

    @Test
    void ingestedEventMatchesItsSchemaAndReadsBackEqual() {
        ArticleIngested event = ArticleIngested.of("0123456789abcdef01234567", 2, ARTICLE, Instant.now());

        String json = EventJson.write(event);

        assertEquals(List.of(), EventSchemas.validate(EventSchemas.ARTICLE_INGESTED_V1, json));
        assertEquals(event, EventJson.readIngested(json));
    }

    @Test
    void enrichedEventMatchesItsSchemaAndReadsBackEqual() {
        ArticleIngested cause = ArticleIngested.of("0123456789abcdef01234567", 1, ARTICLE, Instant.now());
        ArticleEnriched event = ArticleEnriched.of(cause, new Enrichment("fr", 0.98,
                List.of(new Keyword("Israël", "israel", 0.9)),
                List.of(new Entity("Forces Armées Royales", Entity.ORGANIZATION, 3, null, List.of("FAR")),
                        new Entity("Rabat", Entity.LOCATION, 1, "MA", List.of())),
                List.of(new Category("medtop:11000000", "politics", 0.9, List.of("défense"))),
                "Il s’agit là de la première réunion du Comité de suivi.", 1, 203, "test-2", List.of()), Instant.now());

        String json = EventJson.write(event);

        assertEquals(List.of(), EventSchemas.validate(EventSchemas.ARTICLE_ENRICHED, json));
        assertEquals(event, EventJson.readEnriched(json));
    }

    @Test
    void readsAVersionOneEnrichedEventWithEmptyNewFields() {
        String v1 = "{\"schemaVersion\":1,\"eventId\":\"" + UUID.randomUUID()
                + "\",\"articleId\":\"0123456789abcdef01234567\","
                + "\"revision\":1,\"occurredAt\":\"2024-01-01T00:00:00Z\",\"causationId\":\"" + UUID.randomUUID()
                + "\","
                + "\"article\":{\"title\":\"t\",\"text\":\"x\",\"tags\":[]},"
                + "\"enrichment\":{\"language\":\"fr\",\"languageConfidence\":1.0,\"keywords\":[],\"enrichmentVersion\":\"1.0.0\"}}";

        assertEquals(List.of(), EventSchemas.validate(EventSchemas.ARTICLE_ENRICHED_V1, v1));
        ArticleEnriched event = EventJson.readEnriched(v1);
        assertEquals(List.of(), event.enrichment().entities());
        assertEquals(null, event.enrichment().summary());
    }

    @Test
    void keepsThePublicationOffsetOnTheWire() {
        String json = EventJson.write(ArticleIngested.of("0123456789abcdef01234567", 1, ARTICLE, Instant.now()));

        assertTrue(json.contains("\"publishedAt\":\"2023-01-18T15:20:00+01:00\""), json);
        assertEquals("+01:00", EventJson.readIngested(json).article().publishedAt().getOffset().toString());
    }

    @Test
    void givesTheSameEnrichedEventIdForTheSameIngestedEvent() {
        ArticleIngested cause = ArticleIngested.of("0123456789abcdef01234567", 1, ARTICLE, Instant.now());
        Enrichment enrichment = Enrichment.of("fr", 1, List.of(), "test-1");

        assertEquals(ArticleEnriched.of(cause, enrichment, Instant.now()).eventId(),
                ArticleEnriched.of(cause, enrichment, Instant.now()).eventId());
    }

    @Test
    void schemaRejectsAnEventWithoutArticleId() {
        String json = EventJson.write(new ArticleIngested(1, UUID.randomUUID(), null, 1, Instant.now(), ARTICLE));

        assertFalse(EventSchemas.validate(EventSchemas.ARTICLE_INGESTED_V1, json).isEmpty());
        assertThrows(MalformedEventException.class, () -> EventJson.readIngested(json));
    }

    @Test
    void schemaRejectsADateWithoutOffset() {
        String json = EventJson.write(ArticleIngested.of("0123456789abcdef01234567", 1, ARTICLE, Instant.now()))
                .replace("2023-01-18T15:20:00+01:00", "2023-01-18 15:20");

        assertFalse(EventSchemas.validate(EventSchemas.ARTICLE_INGESTED_V1, json).isEmpty());
    }

    @Test
    void readerIgnoresFieldsAddedByANewerProducer() {
        String json = EventJson.write(ArticleIngested.of("0123456789abcdef01234567", 1, ARTICLE, Instant.now()))
                .replaceFirst("\\{", "{\"addedLater\":{\"x\":1},");

        assertEquals("0123456789abcdef01234567", EventJson.readIngested(json).articleId());
    }

    @Test
    void rejectsAValueThatIsNotJson() {
        MalformedEventException e = assertThrows(MalformedEventException.class, () -> EventJson.readIngested("<html>"));
        assertTrue(e.getMessage().startsWith("Not a ArticleIngested"), e.getMessage());
    }
}
