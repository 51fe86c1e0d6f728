package io.newsflow.enrich;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.newsflow.contract.Article;
import io.newsflow.contract.ArticleEnriched;
import io.newsflow.contract.ArticleIngested;
import io.newsflow.contract.EventJson;
import io.newsflow.contract.EventSchemas;
import io.newsflow.contract.Keyword;
import io.newsflow.contract.Topics;
import io.newsflow.fixtures.PrometheusText;
import io.newsflow.fixtures.Repository;
import io.newsflow.localservers.RealServers;
import io.newsflow.localservers.RealServersResource;
import io.newsflow.localservers.TopicProbe;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The whole service over a real Kafka broker; ingested events are written by the test as ingest-service would. */
@QuarkusTest
@WithTestResource(value = RealServersResource.class, initArgs = @ResourceArg(name = "mongo", value = "false"))
class EnrichmentPipelineIT {

    final TopicProbe kafka = new TopicProbe(RealServers.kafkaBootstrapServers());

    static JsonNode sampleFacts() throws Exception {
        Path file = Repository.samples().resolve(Repository.SAMPLE + ".expected.json");
        return EventJson.tree(Files.readString(file, StandardCharsets.UTF_8)).get("extraction");
    }

    static String newArticleId() {
        byte[] bytes = new byte[12];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static ArticleIngested sampleEvent() throws Exception {
        JsonNode facts = sampleFacts();
        Article article = new Article(facts.get("title").asText(), facts.get("text").asText(), null,
                facts.get("author").asText(), OffsetDateTime.parse(facts.get("publishedAt").asText()),
                facts.get("section").asText(), "Bladi.net", null, List.of("Rabat"));
        return ArticleIngested.of(newArticleId(), 1, article, Instant.now());
    }

    ArticleEnriched enrichedFor(ArticleIngested event) {
        kafka.send(Topics.ARTICLES_INGESTED, event.articleId(), EventJson.write(event));
        ConsumerRecord<String, String> record = kafka.first(Topics.ARTICLES_ENRICHED,
                r -> event.articleId().equals(r.key()), Duration.ofSeconds(60));
        assertEquals(List.of(), EventSchemas.validate(EventSchemas.ARTICLE_ENRICHED, record.value()));
        return EventJson.readEnriched(record.value());
    }

    @Test
    void enrichesTheSampleInFrenchWithMarocAndIsraelAmongKeywords() throws Exception {
        ArticleIngested event = sampleEvent();

        ArticleEnriched enriched = enrichedFor(event);

        assertEquals(event.eventId(), enriched.causationId());
        assertEquals(event.article(), enriched.article());
        assertEquals("fr", enriched.enrichment().language());
        assertTrue(enriched.enrichment().languageConfidence() > 0.5);
        List<String> keywords = enriched.enrichment().keywords().stream().map(Keyword::text).toList();
        assertTrue(keywords.contains("Maroc") && keywords.contains("Israël"), keywords.toString());
        // The publisher's own tag leads the keywords.
        assertEquals(new Keyword("Rabat", "rabat", 1.0), enriched.enrichment().keywords().get(0));
        List<String> entities = enriched.enrichment().entities().stream().map(e -> e.name() + "/" + e.country())
                .toList();
        assertTrue(entities.containsAll(List.of("Maroc/MA", "Israël/IL", "Rabat/MA")), entities.toString());
        assertTrue(enriched.enrichment().entities().stream().anyMatch(e -> e.aliases().contains("FAR")));
        assertTrue(enriched.enrichment().categories().stream().anyMatch(c -> c.code().equals("medtop:20000598")),
                enriched.enrichment().categories().toString());
        assertTrue(enriched.enrichment().summary().contains("Comité de suivi"), enriched.enrichment().summary());
        assertEquals(List.of(), enriched.enrichment().degraded());
        assertTrue(enriched.enrichment().readingTimeMinutes() >= 1 && enriched.enrichment().wordCount() > 150);
    }

    @Test
    void alsoProducesAMatchingArticleToItsRouteTopic() throws Exception {
        ArticleIngested event = sampleEvent();
        kafka.send(Topics.ARTICLES_INGESTED, event.articleId(), EventJson.write(event));

        ConsumerRecord<String, String> routed = kafka.first(Topics.route("defence-fr"),
                r -> event.articleId().equals(r.key()), Duration.ofSeconds(60));

        assertEquals(List.of(), EventSchemas.validate(EventSchemas.ARTICLE_ENRICHED, routed.value()));
        assertEquals(event.eventId(), EventJson.readEnriched(routed.value()).causationId());
    }

    @Test
    void producesTheSameEnrichedEventWhenAnIngestedEventIsRedelivered() throws Exception {
        ArticleIngested event = sampleEvent();
        kafka.send(Topics.ARTICLES_INGESTED, event.articleId(), EventJson.write(event));
        kafka.send(Topics.ARTICLES_INGESTED, event.articleId(), EventJson.write(event));

        int[] matches = {0};
        List<ArticleEnriched> both = kafka.readUntil(Topics.ARTICLES_ENRICHED,
                r -> event.articleId().equals(r.key()) && ++matches[0] == 2, Duration.ofSeconds(60))
                .stream().filter(r -> event.articleId().equals(r.key()))
                .map(r -> EventJson.readEnriched(r.value())).toList();

        assertEquals(both.get(0).eventId(), both.get(1).eventId());
        assertEquals(both.get(0).enrichment(), both.get(1).enrichment());
    }

    @Test
    void sendsAnUnreadableRecordToTheDeadLetterTopicWithTheReasonAndCountsIt() {
        String deadLettered = "newsflow_stage_articles_total{outcome=\"dead-lettered\",stage=\"enrich\"}";
        double before = metric(deadLettered);
        String key = newArticleId();
        kafka.send(Topics.ARTICLES_INGESTED, key, "{\"schemaVersion\":1}");

        ConsumerRecord<String, String> dead = kafka.first(Topics.ENRICH_DEAD_LETTER, r -> key.equals(r.key()),
                Duration.ofSeconds(30));
        assertNotNull(dead.headers().lastHeader("dead-letter-reason"));
        String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertTrue(reason.contains("ArticleIngested"), reason);
        assertTrue(metric(deadLettered) >= before + 1, "counted as dead-lettered by the enrich stage");
    }

    @Test
    void enrichesOnDemandWithoutEmitting() throws Exception {
        JsonNode facts = sampleFacts();
        String title = facts.get("title").asText() + " " + newArticleId();
        given().auth().oauth2("test-operator-key").contentType(ContentType.JSON)
                .body(EventJson.write(java.util.Map.of("title", title, "text", facts.get("text").asText())))
                .post("/enrich").then()
                .statusCode(200)
                .body("language", equalTo("fr"))
                .body("keywords.text", hasItem("Maroc"))
                .body("keywords.slug", hasItem("israel"))
                .body("entities.name", hasItem("Dror Shalom"))
                .body("summary", org.hamcrest.Matchers.containsString("Comité de suivi"))
                .body("categories.code", hasItem("medtop:20000598"));

        // An article through the consumer afterwards: once its event is on the topic, anything the request had
        // emitted would be there before it.
        enrichedFor(sampleEvent());
        assertTrue(kafka.readAll(Topics.ARTICLES_ENRICHED).stream().noneMatch(r -> r.value().contains(title)),
                "POST /enrich emitted an event");
    }

    @Test
    void answersProblemJsonWhenTextIsMissing() {
        given().auth().oauth2("test-operator-key").contentType(ContentType.JSON).body("{\"title\":\"x\"}")
                .post("/enrich").then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void reportsKafkaInReadiness() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("Kafka")));
    }

    /** The value of one series of this service's /q/metrics, 0 when it does not exist yet. */
    static double metric(String series) {
        return PrometheusText.value(given().get("/q/metrics").asString(), series);
    }
}
