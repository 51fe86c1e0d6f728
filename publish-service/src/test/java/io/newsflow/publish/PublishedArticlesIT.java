package io.newsflow.publish;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.newsflow.contract.EventJson;
import io.newsflow.contract.Topics;
import io.newsflow.localservers.RealServers;
import io.newsflow.localservers.RealServersResource;
import io.newsflow.localservers.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The whole service over a real Kafka broker and a real MongoDB-wire server; events are written by the test. */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class PublishedArticlesIT {

    final TopicProbe kafka = new TopicProbe(RealServers.kafkaBootstrapServers());

    void send(io.newsflow.contract.ArticleEnriched event) {
        kafka.send(Topics.ARTICLES_ENRICHED, event.articleId(), EventJson.write(event));
    }

    void awaitTitle(String id, String title) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/articles/{id}", id).then().statusCode(200).body("title", equalTo(title)));
    }

    @Test
    void servesAnEnrichedArticleWithTheContractFieldNames() {
        String id = Events.newArticleId();
        send(Events.enriched(id, 1, "Israël et le Maroc", "fr", "Maroc", "Israël"));

        awaitTitle(id, "Israël et le Maroc");
        given().get("/articles/{id}", id).then()
                .body("id", equalTo(id))
                .body("language", equalTo("fr"))
                .body("publishedAt", equalTo("2023-01-18T15:20:00+01:00"))
                .body("tags", hasItem("Rabat"))
                .body("keywords.text", hasItem("Israël"));
    }

    static double duplicates() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("newsflow_publish_articles_total") && l.contains("outcome=\"duplicate\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void ignoresAnEventThatArrivesTwice() {
        String id = Events.newArticleId();
        var event = Events.enriched(id, 1, "Twice", "en");
        send(event);
        awaitTitle(id, "Twice");
        String storedAt = given().get("/articles/{id}", id).then().extract().path("storedAt");
        double before = duplicates();

        send(event);

        await().atMost(Duration.ofSeconds(30)).until(() -> duplicates() > before);
        given().get("/articles/{id}", id).then().body("storedAt", equalTo(storedAt)).body("revision", equalTo(1));
    }

    @Test
    void neverReplacesANewerRevisionWithAnOlderOne() {
        String id = Events.newArticleId();
        send(Events.enriched(id, 2, "Corrected title", "en"));
        awaitTitle(id, "Corrected title");

        send(Events.enriched(id, 1, "Original title", "en"));
        String marker = Events.newArticleId();
        send(Events.enriched(marker, 1, "Marker", "en"));
        awaitTitle(marker, "Marker");

        given().get("/articles/{id}", id).then().body("title", equalTo("Corrected title")).body("revision", equalTo(2));
    }

    @Test
    void listsNewestFirstAndFiltersByLanguage() {
        String older = Events.newArticleId();
        String newer = Events.newArticleId();
        send(Events.enriched(older, 1, "Older Arabic article", "ar", java.time.OffsetDateTime.parse("2031-05-01T08:00:00+03:00")));
        send(Events.enriched(newer, 1, "Newer Arabic article", "ar", java.time.OffsetDateTime.parse("2031-05-01T09:00:00+03:00")));
        awaitTitle(older, "Older Arabic article");
        awaitTitle(newer, "Newer Arabic article");

        java.util.List<String> ids = given().queryParam("language", "ar").queryParam("limit", 100).get("/articles")
                .then().body("articles.language", not(hasItem("fr"))).extract().path("articles.id");
        org.junit.jupiter.api.Assertions.assertTrue(ids.indexOf(newer) >= 0 && ids.indexOf(newer) < ids.indexOf(older),
                ids.toString());
    }

    @Test
    void answersProblemJsonForAnUnknownArticle() {
        given().get("/articles/{id}", "000000000000000000000000").then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("detail", equalTo("No article with id 000000000000000000000000"));
    }

    @Test
    void sendsAnUnreadableRecordToTheDeadLetterTopicWithTheReason() {
        String key = Events.newArticleId();
        kafka.send(Topics.ARTICLES_ENRICHED, key, "{not json");

        ConsumerRecord<String, String> dead = kafka.first(Topics.PUBLISH_DEAD_LETTER, r -> key.equals(r.key()),
                Duration.ofSeconds(30));
        assertEquals("{not json", dead.value());
        assertNotNull(dead.headers().lastHeader("dead-letter-reason"));
        String reason = new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertTrue(reason.contains("Not a ArticleEnriched"), reason);
    }

    @Test
    void reportsKafkaAndMongoDbInReadiness() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("Kafka")))
                .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("MongoDB")));
    }

    @jakarta.inject.Inject
    io.newsflow.publish.store.ArticleStore store;

    @Test
    void removesArticlesStoredBeforeTheRetentionCutoff() {
        String id = Events.newArticleId();
        send(Events.enriched(id, 1, "Bientôt expiré", "fr"));
        awaitTitle(id, "Bientôt expiré");
        java.time.Instant storedAt = java.time.Instant.parse(given().get("/articles/{id}", id).then().extract().path("storedAt"));

        // What the scheduled job runs, with "now" placed one retention period after this article was stored.
        store.deleteStoredBefore(storedAt.plusMillis(1));

        given().get("/articles/{id}", id).then().statusCode(404);
    }
}
