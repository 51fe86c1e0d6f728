package io.newsflow.publish;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import io.newsflow.contract.ArticleEnriched;
import io.newsflow.contract.EventJson;
import io.newsflow.contract.Topics;
import io.newsflow.fixtures.PrometheusText;
import io.newsflow.localservers.RealServers;
import io.newsflow.localservers.RealServersResource;
import io.newsflow.localservers.TopicProbe;
import io.newsflow.publish.config.PublishConfig;
import io.newsflow.publish.store.RetentionJob;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The whole service over a real Kafka broker and a real MongoDB-wire server; events are written by the test. */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class PublishedArticlesIT {

    static final String GROUP = "publish-service";

    final TopicProbe kafka = new TopicProbe(RealServers.kafkaBootstrapServers());

    RecordMetadata send(ArticleEnriched event) {
        return kafka.send(Topics.ARTICLES_ENRICHED, event.articleId(), EventJson.write(event));
    }

    void awaitTitle(String id, String title) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> given().get("/articles/{id}", id).then().statusCode(200).body("title", equalTo(title)));
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
        return PrometheusText.value(given().get("/q/metrics").then().statusCode(200).extract().asString(),
                "newsflow_publish_articles_total{outcome=\"duplicate\"}");
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

        RecordMetadata stale = send(Events.enriched(id, 1, "Original title", "en"));
        // Done with the stale record when the group has committed past it (a marker article could be stored first
        // from another partition).
        await().atMost(Duration.ofSeconds(30)).until(() -> kafka.consumedPast(GROUP, stale));

        given().get("/articles/{id}", id).then().body("title", equalTo("Corrected title")).body("revision", equalTo(2));
    }

    @Test
    void keepsWhenAnUndatedArticleWasFirstPublishedAndItsPlaceWhenItIsRevised() {
        String marker = "m" + Events.newArticleId();
        String earlier = Events.newArticleId();
        send(Events.enriched(earlier, 1, "Arrivé avant " + marker, "fr", (OffsetDateTime) null));
        awaitTitle(earlier, "Arrivé avant " + marker);
        String id = Events.newArticleId();
        send(Events.enriched(id, 1, "Sans date " + marker, "fr", (OffsetDateTime) null));
        awaitTitle(id, "Sans date " + marker);
        String first = given().get("/articles/{id}", id).then().extract().path("firstStoredAt");
        assertEquals(given().get("/articles/{id}", id).then().extract().path("storedAt"), first);
        String later = Events.newArticleId();
        send(Events.enriched(later, 1, "Arrivé après " + marker, "fr", (OffsetDateTime) null));
        awaitTitle(later, "Arrivé après " + marker);

        send(Events.enriched(id, 2, "Sans date, corrigé " + marker, "fr", (OffsetDateTime) null));
        awaitTitle(id, "Sans date, corrigé " + marker);

        given().get("/articles/{id}", id).then().body("revision", equalTo(2)).body("firstStoredAt", equalTo(first))
                .body("storedAt", not(equalTo(first)));
        given().get("/feed.json?q=" + marker).then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.date_published", equalTo(first));
        // Its place is its first arrival, between the two others, and the cursor after it leads on, not back.
        String second = given().get("/articles?limit=1&q=" + marker).then().statusCode(200)
                .body("articles[0].id", equalTo(later)).extract().path("next");
        String third = given().queryParam("cursor", second).get("/articles?limit=1&q=" + marker).then()
                .statusCode(200).body("articles[0].id", equalTo(id)).extract().path("next");
        given().queryParam("cursor", third).get("/articles?limit=1&q=" + marker).then().statusCode(200)
                .body("articles.id", equalTo(List.of(earlier))).body("next", equalTo(null));
    }

    @Test
    void listsNewestFirstAndFiltersByLanguage() {
        String older = Events.newArticleId();
        String newer = Events.newArticleId();
        send(Events.enriched(older, 1, "Older Arabic article", "ar",
                OffsetDateTime.parse("2031-05-01T08:00:00+03:00")));
        send(Events.enriched(newer, 1, "Newer Arabic article", "ar",
                OffsetDateTime.parse("2031-05-01T09:00:00+03:00")));
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
        // Where it came from, so that `./newsflow dlq requeue` can send it back there after a fix.
        assertEquals(Topics.ARTICLES_ENRICHED, new String(dead.headers().lastHeader("dead-letter-topic").value(),
                StandardCharsets.UTF_8));
        assertNotNull(dead.headers().lastHeader("dead-letter-partition"));
        assertNotNull(dead.headers().lastHeader("dead-letter-offset"));
    }

    @Test
    void reportsKafkaAndMongoDbInReadiness() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("Kafka")))
                .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("MongoDB")));
    }

    @Inject
    RetentionJob retention;
    @Inject
    PublishConfig config;

    @Test
    void theRetentionJobRemovesOnlyWhatWasStoredMoreThanTheRetentionPeriodAgo() {
        String expiring = Events.newArticleId();
        send(Events.enriched(expiring, 1, "Bientôt expiré", "fr"));
        awaitTitle(expiring, "Bientôt expiré");
        Instant storedAt = Instant.parse(given().get("/articles/{id}", expiring).then().extract().path("storedAt"));
        String kept = Events.newArticleId();
        send(Events.enriched(kept, 1, "Encore frais", "fr"));
        awaitTitle(kept, "Encore frais");

        // The job as scheduled, run at the moment the first article becomes older than the retention period.
        long removed = retention.removeExpiredAt(storedAt.plus(config.retention()).plusMillis(1));

        assertTrue(removed >= 1);
        given().get("/articles/{id}", expiring).then().statusCode(404);
        given().get("/articles/{id}", kept).then().statusCode(200);
    }
}
