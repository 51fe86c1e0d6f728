package io.newsflow.ingest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import io.newsflow.contract.Article;
import io.newsflow.contract.ArticleIngested;
import io.newsflow.contract.EventJson;
import io.newsflow.contract.Topics;
import io.newsflow.fixtures.Repository;
import io.newsflow.localservers.RealServers;
import io.newsflow.localservers.RealServersResource;
import io.newsflow.localservers.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A batch decided as a group (one read, one bulk reservation, all sends together, one bulk confirmation), and
 * concurrent pushes of one article kept apart by MongoDB's conditional writes alone. Real: the Kafka broker, the
 * MongoDB-wire server, ingest-service over HTTP.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class BatchIngestionIT {

    final TopicProbe kafka = new TopicProbe(RealServers.kafkaBootstrapServers());

    static final Publisher TESTS = new Publisher("tests", Set.of("test"));

    @Inject
    Ingestion ingestion;

    static String line(String title, String url, String text) {
        return "{\"title\":\"" + title + "\",\"source\":\"test\",\"url\":\"" + url + "\",\"text\":"
                + TextNode.valueOf(text) + "}";
    }

    static List<JsonNode> push(String... lines) {
        String answer = given().auth().oauth2("test-publisher-key").contentType("application/x-ndjson")
                .body((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8))
                .post("/articles").then().statusCode(200).extract().asString();
        return answer.lines().map(EventJson::tree).toList();
    }

    /** Real words in an order of the test's own, so that no other test's article is the same story. */
    static String story() throws Exception {
        List<String> words = new ArrayList<>(List.of(EventJson.tree(Files.readString(Repository.samples().resolve(
                "bladi-maroc-israel-cooperation-militaire.expected.json"))).get("extraction").get("text").asText()
                .split(" ")));
        Collections.shuffle(words, new Random(UUID.randomUUID().hashCode()));
        return String.join(" ", words);
    }

    @Test
    void decidesAnArticlePushedTwiceInOneBatchAfterItsFirstPush() {
        String url = "https://batch.example/" + UUID.randomUUID();
        List<JsonNode> answers = push(line("Twice", url, "The first text."), line("Twice", url, "The first text."),
                line("Twice", url, "The corrected text."));

        assertEquals(List.of("created", "unchanged", "revised"),
                answers.stream().map(a -> a.get("status").asText()).toList());
        assertEquals(List.of(1, 1, 2), answers.stream().map(a -> a.get("revision").asInt()).toList());
        String id = answers.get(0).get("id").asText();
        assertEquals("The corrected text.", eventFor(id, 2).article().text());
    }

    @Test
    void recordsACopyOfAnEarlierLineOfTheSameBatchAsItsDuplicate() throws Exception {
        String body = story();
        List<JsonNode> answers = push(line("Original", "https://a.example/" + UUID.randomUUID(), body),
                line("Copie", "https://b.example/" + UUID.randomUUID(), "RABAT (AFP) - " + body));

        assertEquals("created", answers.get(0).get("status").asText());
        assertEquals("duplicate", answers.get(1).get("status").asText());
        assertEquals(answers.get(0).get("id").asText(), answers.get(1).get("duplicateOf").asText());
        // The copy of a story stored by an earlier batch is found through its band buckets.
        List<JsonNode> later = push(line("Copy", "https://c.example/" + UUID.randomUUID(), body + " (Reuters)"));
        assertEquals("duplicate", later.get(0).get("status").asText());
        assertEquals(answers.get(0).get("id").asText(), later.get(0).get("duplicateOf").asText());
    }

    @Test
    void anArticleThatCannotBeIdentifiedIsRefusedAloneAndTheOthersOfItsBatchAreDecided() {
        // No request gets such a URL this far (each input checks it); a group must not depend on that.
        Article unidentifiable = new Article("No host", "A text.", "https://", null, null, null, "test", "en",
                List.of(), List.of());
        Article good = new Article("Good", "Another text " + UUID.randomUUID() + ".",
                "https://batch.example/" + UUID.randomUUID(), null, null, null, "test", "en", List.of(), List.of());

        List<Ingestion.Outcome> outcomes = ingestion.ingestAll(List.of(unidentifiable, good), TESTS);

        // Refused for good (400), not "unavailable": pushing it again cannot help.
        assertTrue(outcomes.get(0).failure() instanceof InvalidInputException, outcomes.get(0).toString());
        assertEquals(Ingestion.Status.CREATED, outcomes.get(1).result().status(), outcomes.get(1).toString());
        assertEquals("Good", eventFor(outcomes.get(1).result().id(), 1).article().title());
    }

    /**
     * A single push, either as requests send it (concurrent ones may share a group and be decided in turn) or
     * decided alone on the calling thread, as a batch of one: then concurrent pushes race as on two instances, and
     * only the registry's conditional writes keep them apart.
     */
    Ingestion.Result push(Article article, Publisher writer, boolean alone) {
        if (!alone) {
            return ingestion.ingest(article, writer);
        }
        Ingestion.Outcome outcome = ingestion.ingestAll(List.of(article), writer).get(0);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.result();
    }

    @ParameterizedTest(name = "decided alone: {0}")
    @ValueSource(booleans = {false, true})
    void givesANewArticlePushedByTwoPublishersAtOnceToExactlyOneOfThem(boolean alone) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (int round = 0; round < 10; round++) {
            String url = "https://contested.example/" + UUID.randomUUID();
            List<Future<Ingestion.Result>> pushes = new ArrayList<>();
            for (String publisher : List.of("first", "second")) {
                Article article = new Article("Contested", "Text of " + publisher + ".", url, null, null, null,
                        publisher, "en", List.of());
                pushes.add(pool.submit(() -> push(article, new Publisher(publisher, Set.of(publisher)), alone)));
            }
            int accepted = 0;
            int forbidden = 0;
            for (Future<Ingestion.Result> push : pushes) {
                try {
                    assertEquals(1, push.get().revision());
                    accepted++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertTrue(e.getCause() instanceof ForbiddenArticleException, e.getCause().toString());
                    forbidden++;
                }
            }
            // In one group they are decided in turn; in two groups (two runners) both read "no such article", the
            // conditional write lets one reserve it, and the other then reads an article another publisher owns.
            assertEquals(List.of(1, 1), List.of(accepted, forbidden));
        }
        pool.shutdown();
    }

    @ParameterizedTest(name = "decided alone: {0}")
    @ValueSource(booleans = {false, true})
    void givesConcurrentCorrectionsOfOneArticleDistinctRevisionsWithoutALock(boolean alone) throws Exception {
        String url = "https://concurrent.example/" + UUID.randomUUID();
        int writers = 6;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<Ingestion.Result>> pushes = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (int w = 0; w < writers; w++) {
                Article article = new Article("Concurrent", "Text " + round + "-" + w + " of " + url + ".", url, null,
                        null, null, "test", "en", List.of());
                pushes.add(pool.submit(() -> push(article, TESTS, alone)));
            }
        }
        List<Integer> revisions = new ArrayList<>();
        for (Future<Ingestion.Result> push : pushes) {
            revisions.add(push.get().revision());
        }
        pool.shutdown();

        // Every push changed the text, so each got a revision of its own: 1 to 24, none twice.
        Collections.sort(revisions);
        List<Integer> expected = new ArrayList<>();
        for (int r = 1; r <= pushes.size(); r++) {
            expected.add(r);
        }
        assertEquals(expected, revisions);
        String id = ingestion
                .ingest(new Article("Concurrent", "Last.", url, null, null, null, "test", "en", List.of()), TESTS).id();
        // On the topic, no revision number carries two texts.
        Map<Integer, String> texts = new HashMap<>();
        for (ConsumerRecord<String, String> r : kafka.readUntil(Topics.ARTICLES_INGESTED,
                r -> id.equals(r.key()) && EventJson.readIngested(r.value()).revision() == pushes.size() + 1,
                Duration.ofSeconds(30))) {
            if (id.equals(r.key())) {
                ArticleIngested event = EventJson.readIngested(r.value());
                String before = texts.putIfAbsent(event.revision(), event.article().text());
                assertTrue(before == null || before.equals(event.article().text()),
                        "revision " + event.revision() + " has two texts");
            }
        }
        assertEquals(pushes.size() + 1, texts.size());
    }

    ArticleIngested eventFor(String id, int revision) {
        ConsumerRecord<String, String> record = kafka.first(Topics.ARTICLES_INGESTED,
                r -> id.equals(r.key()) && EventJson.readIngested(r.value()).revision() == revision,
                Duration.ofSeconds(30));
        return EventJson.readIngested(record.value());
    }
}
