package io.newsflow.ingest.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.newsflow.contract.EventJson;
import io.newsflow.contract.EventSchemas;
import io.newsflow.fixtures.PrometheusText;
import io.newsflow.fixtures.ServedContract;
import io.newsflow.localservers.InMemoryChannels;
import io.newsflow.localservers.RealServersResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;

/**
 * The push API of the real service with no broker: {@code articles-ingested} is SmallRye's in-memory connector and
 * the store the embedded MongoDB-wire server (in this JVM). Fast tier; the Kafka path is {@code ArticleIngestionIT}'s.
 */
@QuarkusTest
@TestProfile(PushWithoutBrokerTest.WithoutBroker.class)
@WithTestResource(value = RealServersResource.class, initArgs = @ResourceArg(name = "kafka", value = "false"))
class PushWithoutBrokerTest {

    static final String KEY = "test-publisher-key";
    static final String OTHER_KEY = "other-publisher-key";
    static final String OPERATOR_KEY = "test-operator-key";

    public static class WithoutBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(InMemoryChannels.of("outgoing.articles-ingested"));
            config.put("newsflow.ingest.max-sources-per-publisher", "3");
            return config;
        }
    }

    @Inject
    @jakarta.enterprise.inject.Any
    InMemoryConnector connector;

    InMemorySink<String> emitted;

    @BeforeEach
    void clearTheSink() {
        emitted = connector.sink("articles-ingested");
        emitted.clear();
    }

    static String article(String title) {
        return EventJson.write(Map.of("title", title, "text", "Un texte sur Rabat, " + title + ".", "source", "test"));
    }

    @Test
    void acceptsAJsonArticleAndEmitsOneSchemaValidEventKeyedByItsId() {
        String id = given().auth().oauth2(KEY).contentType(ContentType.JSON).body(article("Titre " + UUID.randomUUID()))
                .post("/articles").then()
                .statusCode(202)
                .body("revision", equalTo(1)).body("status", equalTo("created"))
                .extract().path("id");

        List<? extends Message<String>> messages = emitted.received();
        assertEquals(1, messages.size());
        assertEquals(List.of(), EventSchemas.validate(EventSchemas.ARTICLE_INGESTED_V1, messages.get(0).getPayload()));
        assertEquals(id, EventJson.readIngested(messages.get(0).getPayload()).articleId());
        assertEquals(id, messages.get(0).getMetadata(OutgoingKafkaRecordMetadata.class).orElseThrow().getKey());
    }

    @Test
    void answersABatchLineByLineAndEmitsOnlyTheValidLines() {
        String body = article("Ligne " + UUID.randomUUID()) + "\n{\"title\":\"sans texte\"}\n"
                + EventJson.write(Map.of("title", "Autre", "text", "Texte.", "source", "not-mine")) + "\n";

        List<JsonNode> lines = given().auth().oauth2(KEY).contentType("application/x-ndjson")
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/articles").then().statusCode(200).contentType("application/x-ndjson").extract().asString()
                .lines().map(EventJson::tree).toList();

        assertEquals(List.of("created", "invalid", "forbidden"),
                lines.stream().map(l -> l.get("status").asText()).toList());
        assertEquals(List.of(1, 2, 3), lines.stream().map(l -> l.get("line").asInt()).toList());
        assertEquals("Bad Request", lines.get(1).get("problem").get("title").asText());
        assertEquals("/text", lines.get(1).get("problem").get("errors").get(0).get("field").asText());
        assertEquals(403, lines.get(2).get("problem").get("status").asInt());
        assertEquals(1, emitted.received().size());
    }

    @Test
    void refusesAnotherPublishersSourceAndEmitsNothing() {
        given().auth().oauth2(KEY).contentType(ContentType.JSON)
                .body(EventJson.write(Map.of("title", "T", "text", "Texte.", "source", "someone-else")))
                .post("/articles").then()
                .statusCode(403).contentType("application/problem+json").body("title", equalTo("Forbidden"));

        assertEquals(0, emitted.received().size());
    }

    static String article(String url, String source, String text) {
        return EventJson.write(Map.of("title", "Titre", "text", text, "url", url, "source", source));
    }

    @Test
    void refusesAnotherPublishersRevisionOfAnArticleItDidNotFirstPushAlsoInABatch() {
        String url = "https://owned.example/" + UUID.randomUUID();
        given().auth().oauth2(KEY).contentType(ContentType.JSON).body(article(url, "test", "Premier texte."))
                .post("/articles").then().statusCode(202);

        given().auth().oauth2(OTHER_KEY).contentType(ContentType.JSON).body(article(url, "other", "Texte remplacé."))
                .post("/articles").then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("first pushed by another publisher"));
        String line = given().auth().oauth2(OTHER_KEY).contentType("application/x-ndjson")
                .body((article(url, "other", "Texte remplacé.") + "\n").getBytes(StandardCharsets.UTF_8))
                .post("/articles")
                .then().statusCode(200)
                .extract().asString();
        assertEquals("forbidden", EventJson.tree(line).get("status").asText());
        assertEquals(403, EventJson.tree(line).get("problem").get("status").asInt());
        assertEquals(1, emitted.received().size());

        // The owner and the operator still revise it.
        given().auth().oauth2(KEY).contentType(ContentType.JSON).body(article(url, "test", "Texte corrigé."))
                .post("/articles").then().statusCode(202).body("revision", equalTo(2));
        given().auth().oauth2(OPERATOR_KEY).contentType(ContentType.JSON).body(article(url, "test", "Texte revu."))
                .post("/articles").then().statusCode(202).body("revision", equalTo(3));
        assertEquals(3, emitted.received().size());
    }

    @Test
    void refusesArticlesOnAHostAnotherPublisherClaimsEvenBeforeTheyExist() {
        String url = "https://www.claimed.example/" + UUID.randomUUID();

        given().auth().oauth2(OTHER_KEY).contentType(ContentType.JSON).body(article(url, "other", "Une copie."))
                .post("/articles").then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("www.claimed.example"));
        assertEquals(0, emitted.received().size());
        given().auth().oauth2(KEY).contentType(ContentType.JSON).body(article(url, "test", "Le vrai article."))
                .post("/articles").then().statusCode(202).body("status", equalTo("created"));
    }

    @Test
    void answersAnUnsupportedMediaTypeAsAProblem() {
        given().auth().oauth2(KEY).contentType("application/pdf").body(new byte[] {1, 2, 3}).post("/articles").then()
                .statusCode(415).contentType("application/problem+json")
                .body("title", equalTo("Unsupported Media Type"));
    }

    @Test
    void answersJsonNestedTooDeeplyAsAnInvalidArticleAlsoOnOneLineOfABatch() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);

        given().auth().oauth2(KEY).contentType(ContentType.JSON).body(deep.getBytes(StandardCharsets.UTF_8))
                .post("/articles").then()
                .statusCode(400).contentType("application/problem+json").body("title", equalTo("Bad Request"));
        List<JsonNode> lines = given().auth().oauth2(KEY).contentType("application/x-ndjson")
                .body((deep + "\n" + article("Après " + UUID.randomUUID()) + "\n").getBytes(StandardCharsets.UTF_8))
                .post("/articles").then().statusCode(200).extract().asString().lines().map(EventJson::tree).toList();

        assertEquals(List.of("invalid", "created"), lines.stream().map(l -> l.get("status").asText()).toList());
        assertEquals(1, emitted.received().size());
    }

    @Test
    void refusesAHostileTagListWithOneErrorAndEmitsNothing() {
        List<String> tags = new java.util.ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            tags.add("tag " + i);
        }

        given().auth().oauth2(KEY).contentType(ContentType.JSON)
                .body(EventJson.write(Map.of("title", "T", "text", "Texte.", "source", "test", "tags", tags)))
                .post("/articles").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("/tags"))
                .body("errors.size()", equalTo(1));
        assertEquals(0, emitted.received().size());
    }

    @Test
    void capsTheLinesOfABatchToExtractAsItCapsAPush() {
        String line = article("Ligne") + "\n";

        given().auth().oauth2(KEY).contentType("application/x-ndjson")
                .body(line.repeat(1001).getBytes(StandardCharsets.UTF_8)).post("/extract").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void refusesABodyDeclaredOverTheLimitOnEveryEndpointBeforeReadingItOrCheckingASignature() {
        byte[] body = new byte[10 * 1024 * 1024 + 1];
        java.util.Arrays.fill(body, (byte) ' ');

        for (String[] endpoint : new String[][] {{"/articles", "application/json"}, {"/sources", "application/json"},
                {"/sources/opml", "text/x-opml"}, {"/websub/any-source", "application/atom+xml"}}) {
            given().auth().oauth2(KEY).contentType(endpoint[1]).body(body).post(endpoint[0]).then()
                    .statusCode(413).contentType("application/problem+json")
                    .body("detail", org.hamcrest.Matchers.containsString("10485760"));
        }
        assertEquals(0, emitted.received().size());
    }

    @Test
    void namesTenUnknownFieldsAndCountsTheRestInOneError() {
        Map<String, Object> fields = new java.util.HashMap<>(Map.of("title", "T", "text", "Texte.", "source", "test"));
        for (int i = 0; i < 50_000; i++) {
            fields.put("made-up-" + i, i);
        }

        given().auth().oauth2(KEY).contentType(ContentType.JSON).body(EventJson.write(fields)).post("/articles")
                .then()
                .statusCode(400).contentType("application/problem+json").body("errors.size()", equalTo(11))
                .body("errors[10].message", equalTo("49990 more unknown fields"));
        assertEquals(0, emitted.received().size());
    }

    @Test
    void refusesAnArticleWhoseEventWouldNotFitInAKafkaRecordAlsoOnOneLineOfABatch() {
        // 600,000 quotes pass the text limit of 1,000,000 characters, but JSON doubles them: a 1.2 MB event.
        String quotes = EventJson.write(Map.of("title", "Citations", "text", "\"".repeat(600_000), "source", "test"));

        given().auth().oauth2(KEY).contentType(ContentType.JSON).body(quotes.getBytes(StandardCharsets.UTF_8))
                .post("/articles").then()
                .statusCode(413).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("900000"));
        List<JsonNode> lines = given().auth().oauth2(KEY).contentType("application/x-ndjson")
                .body((quotes + "\n" + article("Petit " + UUID.randomUUID()) + "\n").getBytes(StandardCharsets.UTF_8))
                .post("/articles").then().statusCode(200).extract().asString().lines().map(EventJson::tree).toList();

        assertEquals(List.of("too-large", "created"), lines.stream().map(l -> l.get("status").asText()).toList());
        assertEquals(413, lines.get(0).get("problem").get("status").asInt());
        assertEquals(1, emitted.received().size());
    }

    @Test
    void refusesAFeedOverThePublishersQuotaAlsoInAnOpmlImportButNotTheOperators() {
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(KEY).contentType(ContentType.JSON)
                    .body("{\"url\":\"https://bladi.net/feed-" + i + ".xml\"}").post("/sources").then().statusCode(201);
        }

        given().auth().oauth2(KEY).contentType(ContentType.JSON).body("{\"url\":\"https://bladi.net/feed-3.xml\"}")
                .post("/sources").then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("polls 3 feeds already"));
        String opml = "<opml version=\"2.0\"><body><outline xmlUrl=\"https://bladi.net/feed-0.xml\"/>"
                + "<outline xmlUrl=\"https://bladi.net/feed-4.xml\"/></body></opml>";
        given().auth().oauth2(KEY).contentType("text/x-opml").body(opml).post("/sources/opml").then()
                .statusCode(200).body("status", equalTo(List.of("exists", "forbidden")));
        given().auth().oauth2(OPERATOR_KEY).contentType(ContentType.JSON)
                .body("{\"url\":\"https://bladi.net/feed-5.xml\"}").post("/sources").then().statusCode(201);
    }

    @Test
    void refusesAFeedAddressLongerThanEightKilobytes() {
        given().auth().oauth2(OPERATOR_KEY).contentType(ContentType.JSON)
                .body("{\"url\":\"https://bladi.net/" + "a".repeat(9000) + "\"}").post("/sources").then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("/url"));
    }

    @Test
    void servesTheContractOfWhatItProducesByteForByteAsTheContractModuleHasIt() {
        ServedContract.assertServed(path -> given().get(path).then().statusCode(200).extract().asByteArray(),
                "articles-ingested", "article-ingested.v1.schema.json");
        given().get("/asyncapi.yaml").then().contentType("application/yaml");
        given().get("/schemas/articles-ingested.json").then().contentType("application/schema+json");
        given().get("/schemas/articles-enriched.json").then().statusCode(404);
    }

    /** The value of one series of this service's /q/metrics, 0 when it does not exist yet. */
    static double metric(String series) {
        return PrometheusText.value(given().get("/q/metrics").asString(), series);
    }

    @Test
    void countsEachPushedArticleInAndEachEmittedOneOut() {
        String in = "newsflow_stage_articles_total{outcome=\"in\",stage=\"ingest\"}";
        String out = "newsflow_stage_articles_total{outcome=\"out\",stage=\"ingest\"}";
        double inBefore = metric(in);
        double outBefore = metric(out);
        String body = article("Compté " + UUID.randomUUID());

        given().auth().oauth2(KEY).contentType(ContentType.JSON).body(body).post("/articles").then().statusCode(202);
        given().auth().oauth2(KEY).contentType(ContentType.JSON).body(body).post("/articles").then().statusCode(200)
                .body("status", equalTo("unchanged"));

        assertEquals(inBefore + 2, metric(in));
        assertEquals(outBefore + 1, metric(out), "the unchanged push emitted nothing");
        assertTrue(metric("newsflow_stage_seconds_count{stage=\"ingest\"}") >= 2);
    }

    @Test
    void anArticleRefusedForGoodCountsInButNotAsFailed() {
        String in = "newsflow_stage_articles_total{outcome=\"in\",stage=\"ingest\"}";
        String failed = "newsflow_stage_articles_total{outcome=\"failed\",stage=\"ingest\"}";
        String url = "https://owned.example/" + UUID.randomUUID();
        given().auth().oauth2(KEY).contentType(ContentType.JSON).body(article(url, "test", "Premier texte."))
                .post("/articles").then().statusCode(202);
        double inBefore = metric(in);
        double failedBefore = metric(failed);

        given().auth().oauth2(OTHER_KEY).contentType(ContentType.JSON).body(article(url, "other", "Texte remplacé."))
                .post("/articles").then().statusCode(403);

        assertEquals(inBefore + 1, metric(in));
        assertEquals(failedBefore, metric(failed), "failed means: push it again; a 403 will not change by that");
    }
}
