package io.newsflow.enrich;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.newsflow.contract.Article;
import io.newsflow.contract.ArticleIngested;
import io.newsflow.contract.EventJson;
import io.newsflow.contract.Topics;
import io.newsflow.localservers.KafkaBroker;
import io.newsflow.localservers.RealServers;
import io.newsflow.localservers.TopicProbe;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The enriched stream goes to a broker of its own, a real one that the test kills and brings back while articles keep
 * arriving on the shared broker: enrichment holds them for the whole outage, longer than the producer's (shortened)
 * delivery timeout, and forwards every one once the broker is back, none to the dead-letter topic. Nothing is faked.
 */
@QuarkusTest
@WithTestResource(BrokerOutageIT.OutputBroker.class)
class BrokerOutageIT {

    /** The shared broker for the input; a broker of the test's own, on fixed ports, for the enriched stream. */
    public static class OutputBroker implements QuarkusTestResourceLifecycleManager {

        static Path dir;
        static int port;
        static int controllerPort;
        static KafkaBroker broker;

        @Override
        public Map<String, String> start() {
            try {
                dir = Files.createTempDirectory("output-broker");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            port = KafkaBroker.freePort();
            controllerPort = KafkaBroker.freePort();
            startBroker();
            Map<String, String> config = new HashMap<>();
            config.put("kafka.bootstrap.servers", RealServers.kafkaBootstrapServers());
            config.put("mp.messaging.outgoing.articles-enriched.bootstrap.servers", broker.bootstrapServers());
            // The production limits, scaled down so that the outage outlasts them many times over.
            config.put("mp.messaging.outgoing.articles-enriched.delivery.timeout.ms", "2000");
            config.put("mp.messaging.outgoing.articles-enriched.request.timeout.ms", "1000");
            config.put("mp.messaging.outgoing.articles-enriched.max.block.ms", "1000");
            return config;
        }

        static void startBroker() {
            broker = KafkaBroker.start(dir, port, controllerPort, Duration.ofSeconds(60));
        }

        @Override
        public void stop() {
            broker.close();
        }
    }

    final TopicProbe input = new TopicProbe(RealServers.kafkaBootstrapServers());

    static ArticleIngested event(String title) {
        Article article = new Article(title, "Le gouvernement a annoncé mardi un plan pour les écoles de la région. "
                + "Les syndicats ont salué une première étape.", null, null, null, null, "test", "fr", List.of());
        return ArticleIngested.of(EnrichmentPipelineIT.newArticleId(), 1, article, Instant.now());
    }

    @Test
    void holdsArticlesThroughABrokerOutageAndForwardsEveryOneAfterIt() {
        TopicProbe output = new TopicProbe(OutputBroker.broker.bootstrapServers());
        ArticleIngested before = event("Avant la panne");
        input.send(Topics.ARTICLES_INGESTED, before.articleId(), EventJson.write(before));
        output.first(Topics.ARTICLES_ENRICHED, r -> before.articleId().equals(r.key()), Duration.ofSeconds(60));

        OutputBroker.broker.close();
        List<ArticleIngested> during = List.of(event("Pendant la panne 1"), event("Pendant la panne 2"),
                event("Pendant la panne 3"));
        during.forEach(e -> input.send(Topics.ARTICLES_INGESTED, e.articleId(), EventJson.write(e)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'Forwarding enriched articles' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'Forwarding enriched articles' }.data.heldArticles", greaterThan(0)));
        // Several delivery timeouts long: the articles are sent again and again, never dead-lettered.
        await().pollDelay(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));
        OutputBroker.startBroker();

        Set<String> ids = during.stream().map(ArticleIngested::articleId).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertTrue(
                output.readAll(Topics.ARTICLES_ENRICHED).stream().map(r -> r.key()).collect(Collectors.toSet())
                        .containsAll(ids)));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        assertEquals(0, input.readAll(Topics.ENRICH_DEAD_LETTER).stream().filter(r -> ids.contains(r.key())).count(),
                "an article went to the dead-letter topic");
    }
}
