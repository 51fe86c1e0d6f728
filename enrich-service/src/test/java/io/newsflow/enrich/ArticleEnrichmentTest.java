package io.newsflow.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.newsflow.contract.Article;
import io.newsflow.contract.ArticleIngested;
import io.newsflow.contract.EventJson;
import io.newsflow.contract.MalformedEventException;
import io.newsflow.enrich.config.EnrichConfig;
import io.newsflow.enrichment.ArticleEnricher;
import io.newsflow.enrichment.EnrichmentSettings;
import io.newsflow.enrichment.StepListener;
import io.newsflow.fixtures.Repository;

/**
 * The consumer's use case without a broker: the real enrichment engine over the sample article as ingest-service
 * emits it, with routes configured here. Fast tier: no Quarkus, no Kafka.
 */
class ArticleEnrichmentTest {

    private static ArticleEnricher enricher;

    record Route(Optional<String> language, Optional<String> category, Optional<String> entity,
            Optional<String> keyword, Optional<String> source) implements EnrichConfig.Route {
    }

    @BeforeAll
    static void loadModels() {
        enricher = ArticleEnricher.standard(EnrichmentSettings.DEFAULTS, StepListener.NONE);
    }

    static String sampleRecord() throws Exception {
        JsonNode facts = EventJson.tree(Files.readString(
                Repository.samples().resolve(Repository.SAMPLE + ".expected.json"))).get("extraction");
        Article article = new Article(facts.get("title").asText(), facts.get("text").asText(), null,
                facts.get("author").asText(), OffsetDateTime.parse(facts.get("publishedAt").asText()),
                facts.get("section").asText(), "Bladi.net", null, List.of("Rabat"));
        return EventJson.write(ArticleIngested.of("0123456789abcdef01234567", 1, article, Instant.EPOCH));
    }

    ArticleEnrichment enrichment(Map<String, EnrichConfig.Route> routes) {
        return new ArticleEnrichment(enricher, new Routes(routes),
                Clock.fixed(Instant.parse("2026-12-05T08:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void givesTheSameEnrichedEventForTheSameRecordSoRedeliveryChangesNothing() throws Exception {
        String record = sampleRecord();
        ArticleEnrichment enrichment = enrichment(Map.of());

        ArticleEnrichment.Enriched first = enrichment.enrich(record);
        ArticleEnrichment.Enriched again = enrichment.enrich(record);

        assertEquals(first.event(), again.event());
        assertEquals("fr", first.event().enrichment().language());
        assertEquals("Rabat", first.event().enrichment().keywords().get(0).text());
        assertEquals(EventJson.readIngested(record).eventId(), first.event().causationId());
    }

    @Test
    void namesEveryRouteTheArticleMatchesAndNoOther() throws Exception {
        EnrichConfig.Route defenceInFrench = new Route(Optional.of("FR"), Optional.of("medtop:20000598"),
                Optional.empty(), Optional.empty(), Optional.empty());
        EnrichConfig.Route bladi = new Route(Optional.empty(), Optional.empty(), Optional.of("far"),
                Optional.of("Israël"), Optional.of("bladi.net"));
        EnrichConfig.Route english = new Route(Optional.of("en"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty());

        List<String> routes = enrichment(Map.of("defence-fr", defenceInFrench, "bladi", bladi, "english", english))
                .enrich(sampleRecord()).routes();

        assertEquals(List.of("bladi", "defence-fr"), routes);
    }

    @Test
    void refusesARecordThatIsNotAnIngestedArticle() {
        ArticleEnrichment enrichment = enrichment(Map.of());

        assertThrows(MalformedEventException.class, () -> enrichment.enrich("{\"schemaVersion\":1}"));
        assertThrows(MalformedEventException.class, () -> enrichment.enrich("not json"));
        assertTrue(enrichment.enrich("Titre", "Un texte court en français sur Rabat.", null, null).degraded()
                .isEmpty());
    }
}
