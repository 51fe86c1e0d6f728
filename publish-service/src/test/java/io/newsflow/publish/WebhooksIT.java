package io.newsflow.publish;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.sun.net.httpserver.HttpServer;

import io.newsflow.contract.EventJson;
import io.newsflow.contract.Topics;
import io.newsflow.localservers.RealServers;
import io.newsflow.localservers.RealServersResource;
import io.newsflow.localservers.TopicProbe;
import io.newsflow.outbound.HmacSignatures;
import io.newsflow.publish.config.PublishConfig;
import io.newsflow.publish.store.WebhookStore;
import io.newsflow.publish.webhooks.Webhooks;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The whole service over a real Kafka broker and MongoDB-wire server, delivering to a real local HTTP receiver that
 * checks signatures and fails on purpose; the enriched events are written by the test.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class WebhooksIT {

    static final String SECRET = "a-secret-of-more-than-16-chars";
    static HttpServer receiver;
    static final Map<String, List<String>> received = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    static final Map<String, Integer> failuresBeforeSuccess = new ConcurrentHashMap<>();
    static final Map<String, List<String>> deliveryIds = new ConcurrentHashMap<>();

    final TopicProbe kafka = new TopicProbe(RealServers.kafkaBootstrapServers());

    @BeforeAll
    static void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            byte[] body = exchange.getRequestBody().readAllBytes();
            int call = calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            deliveryIds.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>())
                    .add(exchange.getRequestHeaders().getFirst("X-Newsflow-Delivery"));
            if (path.startsWith("/slow-")) {
                // Long enough for two instances' ticks to overlap on the same deliveries.
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            boolean signed = HmacSignatures.verify(SECRET, body,
                    exchange.getRequestHeaders().getFirst("X-Newsflow-Signature"));
            int status = !signed ? 401 : call <= failuresBeforeSuccess.getOrDefault(path, 0) ? 500 : 204;
            if (status == 204) {
                received.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new String(body));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.stop(0);
    }

    static String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    static io.restassured.specification.RequestSpecification operator() {
        return given().auth().oauth2("test-operator-key");
    }

    String register(String path, String language) {
        return operator().contentType(ContentType.JSON)
                .body(Map.of("url", url(path), "secret", SECRET, "filters", Map.of("language", language)))
                .post("/webhooks").then().statusCode(201).extract().path("id");
    }

    @Inject
    Webhooks webhooks;
    @Inject
    WebhookStore store;
    @Inject
    MongoClient mongo;
    @Inject
    PublishConfig config;

    void send(io.newsflow.contract.ArticleEnriched event) {
        kafka.send(Topics.ARTICLES_ENRICHED, event.articleId(), EventJson.write(event));
    }

    @Test
    void deliversMatchingArticlesSignedAndRetriesAFailingReceiver() {
        String path = "/retry-" + UUID.randomUUID();
        failuresBeforeSuccess.put(path, 1);
        String webhook = register(path, "nl");
        String id = Events.newArticleId();

        send(Events.enriched(id, 1, "Nederlands nieuws", "nl"));
        send(Events.enriched(Events.newArticleId(), 1, "Not for this webhook", "en"));

        await().atMost(Duration.ofSeconds(20)).until(() -> received.containsKey(path));
        assertEquals(1, received.get(path).size());
        assertEquals(id, EventJson.tree(received.get(path).get(0)).get("id").asText());
        // Recorded when the round's attempts are all answered, a moment after the receiver had it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> operator()
                .get("/webhooks/{id}/deliveries", webhook).then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].status", equalTo("delivered"))
                .body("[0].attempts", equalTo(2))
                .body("[0].lastError", equalTo("HTTP 500")));
        operator().get("/webhooks/{id}", webhook).then().body("deliveries.delivered", equalTo(1));
    }

    @Test
    void showsADeliveryThatKeptFailingAsFailed() {
        String path = "/down-" + UUID.randomUUID();
        failuresBeforeSuccess.put(path, Integer.MAX_VALUE);
        String webhook = register(path, "it");

        send(Events.enriched(Events.newArticleId(), 1, "Notizie", "it"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> operator().get("/webhooks/{id}/deliveries", webhook)
                .then().body("[0].status", equalTo("failed")).body("[0].attempts", equalTo(3)));
        assertTrue(!received.containsKey(path));
    }

    @Test
    void letsOnlyTheOperatorManageWebhooks() {
        given().contentType(ContentType.JSON).body(Map.of("url", url("/x"), "secret", SECRET)).post("/webhooks")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("not-the-key").get("/webhooks").then().statusCode(401);
    }

    @Test
    void refusesARegistrationWithoutAUsableSecret() {
        operator().contentType(ContentType.JSON).body(Map.of("url", url("/x"), "secret", "short")).post("/webhooks")
                .then().statusCode(400).contentType("application/problem+json");
        operator().contentType(ContentType.JSON).body(Map.of("url", "ftp://x", "secret", SECRET)).post("/webhooks")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void aReceiverThatTricklesItsAnswerHoldsNoDelivery() throws Exception {
        // Answers 200 at once, then sends its body a byte every half second for as long as the test runs.
        AtomicBoolean trickling = new AtomicBoolean(true);
        HttpServer slow = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        slow.setExecutor(Executors.newCachedThreadPool());
        slow.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 0);
            try (var out = exchange.getResponseBody()) {
                while (trickling.get()) {
                    out.write('.');
                    out.flush();
                    Thread.sleep(500);
                }
            } catch (IOException | InterruptedException e) {
                // The sender went away: what it should do.
            }
        });
        slow.start();
        try {
            String webhook = operator().contentType(ContentType.JSON)
                    .body(Map.of("url", "http://127.0.0.1:" + slow.getAddress().getPort() + "/slow", "secret", SECRET,
                            "filters", Map.of("language", "sv")))
                    .post("/webhooks").then().statusCode(201).extract().path("id");
            String path = "/after-" + UUID.randomUUID();
            register(path, "sv");

            send(Events.enriched(Events.newArticleId(), 1, "Svenska nyheter", "sv"));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> operator()
                    .get("/webhooks/{id}/deliveries", webhook).then().body("[0].status", equalTo("delivered")));
            await().atMost(Duration.ofSeconds(20)).until(() -> received.containsKey(path));
        } finally {
            trickling.set(false);
            slow.stop(0);
        }
    }

    @Test
    void instancesDeliveringAtTheSameTimeAttemptEachDeliveryOnce() throws Exception {
        String path = "/slow-" + UUID.randomUUID();
        String webhook = register(path, "da");
        int articles = 12;
        for (int i = 0; i < articles; i++) {
            // Queued directly, as the consumer of any instance does, so that all are due at once.
            store.enqueue(webhook, Events.newArticleId(), 1, "{}", Instant.now());
        }

        // Three instances' ticks at once: two here, and this instance's own scheduler.
        var instances = Executors.newFixedThreadPool(2);
        try {
            var first = instances.submit(() -> webhooks.deliverDue());
            var second = instances.submit(() -> webhooks.deliverDue());
            first.get();
            second.get();
        } finally {
            instances.shutdown();
        }

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> operator().get("/webhooks/{id}", webhook).then()
                .body("deliveries.delivered", equalTo(articles)));
        List<String> ids = deliveryIds.get(path);
        assertEquals(articles, ids.size(), "each delivery is sent once: " + ids);
        assertEquals(articles, new HashSet<>(ids).size());
        operator().get("/webhooks/{id}/deliveries", webhook).then().body("attempts", equalTo(
                java.util.Collections.nCopies(articles, 1)));
    }

    @Test
    void aPollQueuedAgainQueuesOnlyWhatWasNotQueuedYet() {
        String webhook = register("/queued-twice-" + UUID.randomUUID(), "qa");
        String first = Events.newArticleId();
        String second = Events.newArticleId();
        store.enqueue(webhook, first, 1, "{}", Instant.now());
        // As a poll redelivered after a crash between queuing its deliveries and storing its articles: one of them
        // was queued before, the others were not.
        store.enqueue(List.of(new WebhookStore.Queued(webhook, second, 1, "{}"),
                new WebhookStore.Queued(webhook, first, 1, "{}"), new WebhookStore.Queued(webhook, first, 2, "{}")),
                Instant.now());
        List<String> queued = store.deliveries(webhook, 10).stream()
                .map(d -> d.articleId() + ":" + d.revision()).sorted().toList();
        assertEquals(List.of(first + ":1", first + ":2", second + ":1").stream().sorted().toList(), queued);
    }

    @Test
    void deliveriesLeftByADeletedWebhookDoNotHoldBackTheOthers() {
        String path = "/after-orphans-" + UUID.randomUUID();
        Instant older = Instant.now().minusSeconds(60);
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            // As a consumer that matched an article against its list of webhooks read just before one was deleted.
            deleted.add("deleted-" + UUID.randomUUID());
            store.enqueue(deleted.get(i), Events.newArticleId(), 1, "{}", older);
        }
        String webhook = register(path, "fi");
        store.enqueue(webhook, Events.newArticleId(), 1, "{}", Instant.now());

        await().atMost(Duration.ofSeconds(20)).until(() -> received.containsKey(path));
        // Rounds take due deliveries at random: the orphans may be met in the rounds after the receiver's.
        await().atMost(Duration.ofSeconds(20)).until(() -> deleted.stream()
                .allMatch(id -> store.deliveries(id, 1).isEmpty()));
    }

    @Test
    void aFinishedDeliveryLeavesTheQueueForTheHistoryAndIsNotQueuedAgain() {
        String path = "/moved-" + UUID.randomUUID();
        String webhook = register(path, "lv");
        String article = Events.newArticleId();
        store.enqueue(webhook, article, 1, "{}", Instant.now());
        // Copied to the history, then removed from the queue.
        await().atMost(Duration.ofSeconds(20))
                .until(() -> queue().countDocuments(Filters.eq("webhookId", webhook)) == 0);

        // As a poll redelivered after a crash between queuing its deliveries and storing its articles.
        store.enqueue(webhook, article, 1, "{}", Instant.now());

        assertEquals(0, queue().countDocuments(Filters.eq("webhookId", webhook)),
                "the scheduler's queue holds nothing of a finished delivery");
        operator().get("/webhooks/{id}/deliveries", webhook).then().body("size()", equalTo(1))
                .body("[0].status", equalTo("delivered")).body("[0].attempts", equalTo(1));
        operator().get("/webhooks/{id}", webhook).then().body("deliveries.pending", equalTo(0));
    }

    @Test
    void deliveriesFinishedBeforeTheHistoryExistedAreStillShownAndCounted() {
        String webhook = register("/legacy-" + UUID.randomUUID(), "lt");
        Date at = new Date();
        // As a version without the history left it: a delivered delivery kept in the queue.
        queue().insertOne(new Document("_id", webhook + ":legacy:1").append("webhookId", webhook)
                .append("articleId", "legacy").append("revision", 1).append("body", "{}").append("status", "delivered")
                .append("attempts", 1).append("nextAttemptAt", at).append("createdAt", at).append("deliveredAt", at));

        operator().get("/webhooks/{id}", webhook).then().body("deliveries.delivered", equalTo(1))
                .body("deliveries.pending", equalTo(0));
        operator().get("/webhooks/{id}/deliveries", webhook).then().body("[0].status", equalTo("delivered"));
    }

    @Test
    void aRoundThatOutlivedItsClaimRecordsNothing() {
        String webhook = register("/outlived-" + UUID.randomUUID(), "ro");
        // Due an hour from now: this instance's own scheduler leaves them alone, the rounds below take them.
        Instant later = Instant.now().plus(Duration.ofHours(1));
        store.enqueue(webhook, Events.newArticleId(), 1, "{}", later);
        WebhookStore.Claimed first = claimOurs(webhook, later.plusSeconds(1), later.plusSeconds(2));
        // The first round's claim ran out (at later + 2 s): a second round takes the delivery.
        WebhookStore.Claimed second = claimOurs(webhook, later.plusSeconds(3), later.plusSeconds(60));
        WebhookStore.Delivery delivery = first.deliveries().get(0);
        assertEquals(delivery.id(), second.deliveries().get(0).id());

        store.record(first.claim(), List.of(new WebhookStore.Attempt(delivery, later, "HTTP 500", null)));
        WebhookStore.Delivery after = store.deliveries(webhook, 10).get(0);
        assertEquals("pending", after.status(), "the late round's 'failed' is not written");
        assertEquals(0, after.attempts());

        store.record(second.claim(), List.of(WebhookStore.Attempt.delivered(second.deliveries().get(0), later)));
        assertEquals("delivered", store.deliveries(webhook, 10).get(0).status(), "the current claim's outcome is");
        assertEquals(0, queue().countDocuments(Filters.eq("webhookId", webhook)));
    }

    WebhookStore.Claimed claimOurs(String webhook, Instant now, Instant until) {
        // Claims every due delivery, of earlier tests too: rounds are random among what is due.
        WebhookStore.Claimed claimed = store.claimDue(now, until, 10_000);
        List<WebhookStore.Delivery> ours = claimed.deliveries().stream().filter(d -> d.webhookId().equals(webhook))
                .toList();
        assertEquals(1, ours.size());
        return new WebhookStore.Claimed(claimed.due(), claimed.claim(), ours);
    }

    @Test
    void movesToTheHistoryLeftHalfDoneByADeadInstanceAreCompleted() {
        String webhook = register("/half-moved-" + UUID.randomUUID(), "hm");
        Date longAgo = Date.from(Instant.now().minus(Duration.ofMinutes(5)));
        // As an instance that died after giving the outcomes in the queue: one not yet copied, one copied already.
        for (String article : List.of("not-copied", "copied")) {
            Document finished = new Document("_id", webhook + ":" + article + ":1").append("webhookId", webhook)
                    .append("articleId", article).append("revision", 1).append("status", "delivered")
                    .append("attempts", 1).append("createdAt", longAgo).append("lastAttemptAt", longAgo)
                    .append("deliveredAt", longAgo);
            // The history's copy first, as the move writes them: the scheduler's own completion of half-done moves
            // may run between the two inserts.
            if (article.equals("copied")) {
                mongo.getDatabase(config.database()).getCollection("webhook_delivery_history").insertOne(finished);
            }
            queue().insertOne(new Document(finished).append("body", "{}").append("claim", "dead-round"));
        }

        store.completeMoves(Instant.now().minus(Duration.ofMinutes(1)));

        assertEquals(0, queue().countDocuments(Filters.eq("webhookId", webhook)));
        operator().get("/webhooks/{id}", webhook).then().body("deliveries.delivered", equalTo(2));
        operator().get("/webhooks/{id}/deliveries", webhook).then().body("size()", equalTo(2));
    }

    MongoCollection<Document> queue() {
        return mongo.getDatabase(config.database()).getCollection("webhook_deliveries");
    }

    @Test
    void oneCallDeliversABacklogOfManyRoundsWithoutWaitingForTheNextTick() {
        String path = "/backlog-" + UUID.randomUUID();
        String webhook = register(path, "et");
        int backlog = 100;
        Instant queuedAt = Instant.now().minusSeconds(1);
        store.enqueue(IntStream.range(0, backlog).mapToObj(
                i -> new WebhookStore.Queued(webhook, Events.newArticleId(), 1, "{}")).toList(), queuedAt);

        webhooks.deliverDue();

        // This instance's own scheduler may be in the middle of a round of them: claimed, so due later, not now.
        Instant returnedAt = Instant.now();
        long left = store.deliveries(webhook, backlog).stream()
                .filter(d -> d.status().equals("pending") && !d.nextAttemptAt().isAfter(returnedAt)).count();
        assertEquals(0, left, "deliveries left due once the call returned");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> operator().get("/webhooks/{id}", webhook).then()
                .body("deliveries.delivered", equalTo(backlog)));
        assertEquals(backlog, new HashSet<>(deliveryIds.get(path)).size());
    }
}
