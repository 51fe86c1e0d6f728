package io.newsflow.publish;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.newsflow.contract.EventJson;
import io.newsflow.contract.Topics;
import io.newsflow.localservers.RealServers;
import io.newsflow.localservers.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The whole service over a real Kafka broker and a real MongoDB-wire server that the test takes down in the middle of
 * a stream of enriched events and brings back; nothing is faked.
 */
@QuarkusTest
@WithTestResource(OutageServers.class)
class MongoOutageIT {

    final TopicProbe kafka = new TopicProbe(RealServers.kafkaBootstrapServers());

    String send(String title) {
        var event = Events.enriched(Events.newArticleId(), 1, title, "fr");
        kafka.send(Topics.ARTICLES_ENRICHED, event.articleId(), EventJson.write(event));
        return event.articleId();
    }

    @Test
    void losesNothingWhenMongoDbGoesAwayInTheMiddleOfAStream() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(send("Avant la panne " + i));
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/articles/{id}", ids.get(2)).then().statusCode(200));

        OutageServers.mongo.stopListening();
        for (int i = 0; i < 5; i++) {
            ids.add(send("Pendant la panne " + i));
        }
        // Readiness says what is happening: the consumer holds the articles and waits for MongoDB.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'Storing enriched articles' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Storing enriched articles' }.data.heldArticles",
                        greaterThan(0)));
        // An outage many times the consumer's retry backoff ceiling (shortened to 500 ms for this test): the poll is
        // held and retried, never failed. (The latest-offset commit strategy has no age limit on a held record; the
        // throttled one, used before, closed the consumer after one.)
        await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
        OutageServers.mongo.listenAgain();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String id : ids) {
                given().get("/articles/{id}", id).then().statusCode(200).body("id", equalTo(id));
            }
        });
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        String marker = send("Après la panne");
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/articles/{id}", marker).then().statusCode(200));
        assertTrue(kafka.readAll(Topics.PUBLISH_DEAD_LETTER).stream()
                .noneMatch(r -> ids.contains(r.key())), "an article went to the dead-letter topic");
    }
}
