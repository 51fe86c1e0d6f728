package io.newsflow.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.newsflow.contract.EventJson;
import io.newsflow.localservers.RealServers;

/**
 * The three packaged services as real processes over a real Kafka broker and a MongoDB-wire server; nothing is faked.
 */
class SampleArticleEndToEndIT {

    static final Path ROOT = Path.of(System.getProperty("newsflow.root", "..")).toAbsolutePath().normalize();
    static final String SAMPLE = "bladi-maroc-israel-cooperation-militaire";
    static final String API_KEY = UUID.randomUUID().toString();
    static final List<ServiceProcess> SERVICES = new ArrayList<>();
    static ServiceProcess ingest;
    static ServiceProcess publish;

    @BeforeAll
    static void startTheSystem() {
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", RealServers.kafkaBootstrapServers(),
                "MONGODB_URI", RealServers.mongoConnectionString(),
                // A database of its own, so a rerun against a shared server starts empty.
                "MONGODB_DATABASE", "e2e" + UUID.randomUUID().toString().substring(0, 8),
                "NEWSFLOW_API_KEY", API_KEY);
        Path logs = ROOT.resolve("system-tests/target/e2e-logs");
        ingest = ServiceProcess.start(ROOT, "ingest-service", env, logs);
        SERVICES.add(ingest);
        SERVICES.add(ServiceProcess.start(ROOT, "enrich-service", env, logs));
        publish = ServiceProcess.start(ROOT, "publish-service", env, logs);
        SERVICES.add(publish);
        SERVICES.forEach(s -> s.awaitReady(Duration.ofSeconds(120)));
    }

    @AfterAll
    static void stopTheSystem() {
        SERVICES.forEach(ServiceProcess::close);
    }

    @Test
    void sampleArticlePushedToIngestAppearsEnrichedInPublish() throws Exception {
        String text = Files.readString(ROOT.resolve("samples/" + SAMPLE + ".txt"), StandardCharsets.UTF_8);
        JsonNode expected = EventJson.tree(Files.readString(ROOT.resolve("samples/" + SAMPLE + ".expected.json")))
                .get("extraction");

        HttpResponse<String> pushed = ingest.post("/articles", API_KEY, "text/plain; charset=UTF-8", text);
        assertEquals(202, pushed.statusCode(), pushed.body());
        String id = EventJson.tree(pushed.body()).get("id").asText();

        JsonNode article = await("article " + id + " in publish-service").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> publish.get("/articles/" + id), r -> r.statusCode() == 200)
                .body().transform(EventJson::tree);

        assertEquals(expected.get("title").asText(), article.get("title").asText());
        assertEquals(expected.get("text").asText(), article.get("text").asText());
        assertEquals(expected.get("author").asText(), article.get("author").asText());
        assertEquals(expected.get("section").asText(), article.get("section").asText());
        assertEquals(expected.get("publishedAt").asText(), article.get("publishedAt").asText());
        assertEquals(expected.get("tags").toString(), article.get("tags").toString());
        assertEquals("fr", article.get("language").asText());
        // The related articles read off the text travel with it to the published article.
        List<String> related = new ArrayList<>();
        article.get("related").forEach(r -> related.add(r.get("title").asText()));
        List<String> expectedRelated = new ArrayList<>();
        expected.get("related").forEach(r -> expectedRelated.add(r.asText()));
        assertEquals(expectedRelated, related);
        List<String> keywords = new ArrayList<>();
        article.get("keywords").forEach(k -> keywords.add(k.get("text").asText()));
        assertTrue(keywords.contains("Maroc") && keywords.contains("Israël"), "keywords: " + keywords);

        HttpResponse<String> list = publish.get("/articles");
        assertTrue(list.body().contains(id), list.body());
    }
}
