package io.newsflow.ingest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.contract.ArticleIngested;
import io.newsflow.contract.EventJson;
import io.newsflow.contract.EventSchemas;
import io.newsflow.contract.Topics;
import io.newsflow.fixtures.Repository;
import io.newsflow.localservers.RealServers;
import io.newsflow.localservers.RealServersResource;
import io.newsflow.localservers.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The whole service over a real Kafka broker and a real MongoDB-wire server; requests are made by the test. */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class ArticleIngestionIT {

    @Inject
    MeterRegistry metrics;

    static final String SAMPLE = "bladi-maroc-israel-cooperation-militaire";
    final TopicProbe kafka = new TopicProbe(RealServers.kafkaBootstrapServers());

    static String json(String title, String text) {
        return "{\"title\":\"" + title + "\",\"text\":\"" + text + "\",\"source\":\"test\",\"language\":\"en\","
                + "\"publishedAt\":\"2024-03-01T08:00:00-05:00\",\"tags\":[\"a\",\"b\"]}";
    }

    static final String KEY = "test-publisher-key";

    static io.restassured.specification.RequestSpecification publisher() {
        return given().auth().oauth2(KEY);
    }

    ArticleIngested eventFor(String id, int revision) {
        ConsumerRecord<String, String> record = kafka.first(Topics.ARTICLES_INGESTED,
                r -> id.equals(r.key()) && EventJson.readIngested(r.value()).revision() == revision,
                Duration.ofSeconds(30));
        assertEquals(List.of(), EventSchemas.validate(EventSchemas.ARTICLE_INGESTED_V1, record.value()));
        return EventJson.readIngested(record.value());
    }

    @Test
    void emitsTheSampleTextWithTheFactsAPersonReadOffIt() throws Exception {
        String text = Files.readString(Repository.samples().resolve(SAMPLE + ".txt"), StandardCharsets.UTF_8);
        JsonNode expected = EventJson.tree(Files.readString(Repository.samples().resolve(SAMPLE + ".expected.json")))
                .get("extraction");

        String id = publisher().contentType("text/plain; charset=UTF-8").body(text.getBytes(StandardCharsets.UTF_8))
                .post("/articles").then().statusCode(202).extract().path("id");

        ArticleIngested event = eventFor(id, 1);
        assertEquals(expected.get("title").asText(), event.article().title());
        assertEquals(expected.get("text").asText(), event.article().text());
        assertEquals(expected.get("author").asText(), event.article().author());
        assertEquals(expected.get("section").asText(), event.article().section());
        assertEquals(OffsetDateTime.parse(expected.get("publishedAt").asText()), event.article().publishedAt());
        List<String> tags = new java.util.ArrayList<>();
        expected.get("tags").forEach(t -> tags.add(t.asText()));
        assertEquals(tags, event.article().tags());
    }

    @Test
    void pushesDecidedTogetherEachSendTheirArticleInTheirOwnPushsTrace() throws Exception {
        // Rounds of eight concurrent pushes until one round was decided in fewer groups than pushes (the groups
        // meter says so): grouping depends on timing, and the test is about pushes that shared a group.
        boolean grouped = false;
        for (int round = 1; round <= 10 && !grouped; round++) {
            DistributionSummary groupSizes = metrics.find("newsflow.ingest.push.group.size").summary();
            long groupsBefore = groupSizes == null ? 0 : groupSizes.count();
            double pushesBefore = groupSizes == null ? 0 : groupSizes.totalAmount();

            pushConcurrentlyEachInItsOwnTrace(8);

            groupSizes = metrics.get("newsflow.ingest.push.group.size").summary();
            grouped = groupSizes.count() - groupsBefore < groupSizes.totalAmount() - pushesBefore;
        }
        assertTrue(grouped, "no round of eight concurrent pushes shared a group");
    }

    private void pushConcurrentlyEachInItsOwnTrace(int pushes) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(pushes);
        Map<String, Future<String>> idByTrace = new HashMap<>();
        for (int i = 0; i < pushes; i++) {
            String traceId = UUID.randomUUID().toString().replace("-", "");
            idByTrace.put(traceId, clients.submit(() -> {
                String answer = publisher().contentType(ContentType.JSON)
                        .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                        .body(json("Grouped " + traceId, "Pushed at the same time as seven others."))
                        .post("/articles").then().statusCode(202).extract().asString();
                assertEquals(traceId, EventJson.tree(answer).get("traceId").asText(), "answer of " + traceId);
                return EventJson.tree(answer).get("id").asText();
            }));
        }
        Map<String, String> traceById = new HashMap<>();
        for (Map.Entry<String, Future<String>> push : idByTrace.entrySet()) {
            traceById.put(push.getValue().get(), push.getKey());
        }
        clients.shutdown();

        // Answered 202 only once Kafka acknowledged: every record is on the topic already.
        Map<String, String> recordTrace = new HashMap<>();
        for (ConsumerRecord<String, String> r : kafka.readAll(Topics.ARTICLES_INGESTED)) {
            Header traceparent = r.headers().lastHeader("traceparent");
            if (traceById.containsKey(r.key()) && traceparent != null) {
                recordTrace.put(r.key(), new String(traceparent.value(), StandardCharsets.UTF_8).split("-")[1]);
            }
        }
        assertEquals(traceById, recordTrace);
    }

    @Test
    void keepsOneArticleWhenPushedTwice() {
        String title = "Pushed twice " + UUID.randomUUID();
        String id = publisher().contentType(ContentType.JSON).body(json(title, "Same text.")).post("/articles")
                .then().statusCode(202).body("status", equalTo("created")).extract().path("id");

        publisher().contentType(ContentType.JSON).body(json(title, "Same text.")).post("/articles")
                .then().statusCode(200).body("id", equalTo(id)).body("status", equalTo("unchanged"))
                .body("revision", equalTo(1));

        List<ConsumerRecord<String, String>> seen = kafka.readUntil(Topics.ARTICLES_INGESTED,
                r -> id.equals(r.key()), Duration.ofSeconds(30));
        assertEquals(1, seen.stream().filter(r -> id.equals(r.key())).count());
    }

    @Test
    void givesAChangedTextTheSameIdAndTheNextRevision() {
        String title = "Corrected " + UUID.randomUUID();
        String id = publisher().contentType(ContentType.JSON).body(json(title, "First text.")).post("/articles")
                .then().statusCode(202).extract().path("id");

        publisher().contentType(ContentType.JSON).body(json(title, "Corrected text.")).post("/articles")
                .then().statusCode(202).body("id", equalTo(id)).body("revision", equalTo(2))
                .body("status", equalTo("revised"));

        ArticleIngested revised = eventFor(id, 2);
        assertEquals("Corrected text.", revised.article().text());
        assertEquals(OffsetDateTime.parse("2024-03-01T08:00:00-05:00"), revised.article().publishedAt());
    }

    @Test
    void keysTheRecordByArticleIdAndKeepsTheDeclaredFields() {
        String id = publisher().contentType(ContentType.JSON).body(json("Keyed " + UUID.randomUUID(), "Body."))
                .post("/articles").then().statusCode(202).extract().path("id");

        ArticleIngested event = eventFor(id, 1);
        assertEquals(id, event.articleId());
        assertEquals("test", event.article().source());
        assertEquals(List.of("a", "b"), event.article().tags());
        assertTrue(event.occurredAt() != null && event.eventId() != null);
    }

    @Test
    void answersProblemJsonNamingEveryInvalidField() {
        publisher().contentType(ContentType.JSON)
                .body("{\"title\":\"\",\"text\":42,\"url\":\"ftp://x\",\"language\":\"french\",\"colour\":\"red\"}")
                .post("/articles").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("/title"))
                .body("errors.field", hasItem("/text"))
                .body("errors.field", hasItem("/url"))
                .body("errors.field", hasItem("/language"))
                .body("errors.field", hasItem("/colour"));
    }

    @Test
    void answersProblemJsonForMalformedJson() {
        publisher().contentType(ContentType.JSON).body("{\"title\": ").post("/articles").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.startsWith("The body is not valid JSON"));
    }

    @Test
    void answersProblemJsonForAnUnsupportedMediaType() {
        publisher().contentType("application/xml").body("<article/>").post("/articles").then()
                .statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void answersProblemJsonForTextWithoutBody() {
        publisher().contentType("text/plain").body("Only a title").post("/articles").then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void reportsKafkaAndMongoDbInReadiness() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("Kafka")))
                .body("checks.name", hasItem(org.hamcrest.Matchers.containsString("MongoDB")));
    }

    @Test
    void refusesAPushWithoutAKey() {
        given().contentType(ContentType.JSON).body(json("No key", "Body.")).post("/articles").then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"));
    }

    @Test
    void refusesAPushWithAnUnknownKey() {
        given().auth().oauth2("not-a-key").contentType(ContentType.JSON).body(json("Bad key", "Body."))
                .post("/articles").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void refusesASourceTheKeyMayNotWrite() {
        publisher().contentType(ContentType.JSON)
                .body(json("Other source", "Body.").replace("\"test\"", "\"lemonde.fr\""))
                .post("/articles").then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("lemonde.fr"));
    }

    @Test
    void acceptsTheGoodLinesOfABatchAndReportsTheBadOne() {
        String first = json("Batch one " + UUID.randomUUID(), "First.");
        String second = json("Batch two " + UUID.randomUUID(), "Second.");
        String answer = publisher().contentType("application/x-ndjson")
                .body((first + "\n{\"title\": \"no text\"}\n" + second + "\n").getBytes(StandardCharsets.UTF_8))
                .post("/articles").then().statusCode(200).contentType("application/x-ndjson")
                .extract().asString();

        List<JsonNode> lines = answer.lines().map(EventJson::tree).toList();
        assertEquals(3, lines.size(), answer);
        assertEquals("created", lines.get(0).get("status").asText());
        assertEquals("invalid", lines.get(1).get("status").asText());
        assertEquals(2, lines.get(1).get("line").asInt());
        assertEquals("/text", lines.get(1).get("problem").get("errors").get(0).get("field").asText());
        assertEquals("created", lines.get(2).get("status").asText());
        eventFor(lines.get(2).get("id").asText(), 1);
    }

    @Test
    void answersProblemJsonForABodyOverTheLimit() {
        publisher().contentType(ContentType.JSON).body(json("Huge", "x".repeat(11 * 1024 * 1024))).post("/articles")
                .then().statusCode(413).contentType("application/problem+json");
    }

    @Test
    void readsTextInTheCharsetItDeclares() {
        String text = "Crise à Montréal " + UUID.randomUUID() + "\n\nLe maire a déclaré que la ville était prête.";
        String id = publisher().contentType("text/plain; charset=ISO-8859-1")
                .body(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)).queryParam("source", "test")
                .post("/articles").then().statusCode(202).extract().path("id");

        assertEquals("Le maire a déclaré que la ville était prête.", eventFor(id, 1).article().text());
    }

    @Test
    void recordsASyndicatedCopyAsADuplicateOfTheFirstAndEmitsNothing() throws Exception {
        // Real words in an order of this test's own, so that no other test's article is the same story.
        List<String> words = new java.util.ArrayList<>(
                List.of(EventJson.tree(Files.readString(Repository.samples().resolve(
                        SAMPLE + ".expected.json"))).get("extraction").get("text").asText().split(" ")));
        java.util.Collections.shuffle(words, new java.util.Random(UUID.randomUUID().hashCode()));
        String body = String.join(" ", words);
        String original = "{\"title\":\"Original\",\"source\":\"test\",\"url\":\"https://a.example/" + UUID.randomUUID()
                + "\",\"text\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(body) + "}";
        String copy = "{\"title\":\"Copie\",\"source\":\"test\",\"url\":\"https://b.example/" + UUID.randomUUID()
                + "\",\"text\":"
                + com.fasterxml.jackson.databind.node.TextNode.valueOf("RABAT (AFP) - " + body.replace('’', '\''))
                + "}";
        String firstId = publisher().contentType(ContentType.JSON).body(original).post("/articles").then()
                .statusCode(202).extract().path("id");

        String copyId = publisher().contentType(ContentType.JSON).body(copy).post("/articles").then()
                .statusCode(200).body("status", equalTo("duplicate")).body("duplicateOf", equalTo(firstId))
                .extract().path("id");

        // An emitted event is acknowledged before the push is answered, so the topic as it is now would hold it.
        eventFor(firstId, 1);
        assertTrue(kafka.readAll(Topics.ARTICLES_INGESTED).stream().noneMatch(r -> copyId.equals(r.key())));
    }

    static String page(String marker) {
        return """
                <!doctype html><html lang="fr"><head><meta charset="utf-8">
                <title>Crise à Rabat %1$s | Le Journal</title>
                <link rel="canonical" href="https://journal.example.ma/crise-rabat-%1$s.html">
                <meta property="og:site_name" content="Le Journal">
                <script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
                "headline":"Crise à Rabat %1$s","datePublished":"2024-03-01T10:30:00+01:00",
                "author":{"@type":"Person","name":"Samira B."},"articleSection":"Politique"}</script>
                </head><body><nav><a href="/">Accueil</a><a href="/monde">Monde</a></nav>
                <article><h1>Crise à Rabat %1$s</h1>
                <p>Le gouvernement a réuni ses ministres mardi pour examiner la situation, qui inquiète les habitants depuis plusieurs semaines.</p>
                <p>Les élus de l’opposition réclament un débat au Parlement et des mesures rapides pour les familles touchées par la hausse des prix.</p>
                <p>Share on Facebook</p>
                <p>Le ministre a promis des annonces avant la fin du mois, sans en préciser le contenu ni le calendrier exact.</p>
                </article><aside><h2>À lire aussi</h2><a href="/autre.html">Un autre article</a></aside>
                <script>alert('x')</script></body></html>
                """
                .formatted(marker);
    }

    @Test
    void extractsAWholePageWithoutEmittingAndSaysWhereEachFieldCameFrom() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        publisher().contentType("text/html; charset=UTF-8").body(page(marker).getBytes(StandardCharsets.UTF_8))
                .post("/extract").then()
                .statusCode(200)
                .body("title", equalTo("Crise à Rabat " + marker))
                .body("author", equalTo("Samira B."))
                .body("publishedAt", equalTo("2024-03-01T10:30:00+01:00"))
                .body("canonicalUrl", equalTo("https://journal.example.ma/crise-rabat-" + marker + ".html"))
                .body("language", equalTo("fr"))
                .body("sources.title", equalTo("json-ld"))
                .body("text", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Accueil")))
                .body("html", org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("<script")));

        assertNothingEmittedWith(marker);
    }

    /**
     * No event on articles-ingested carries {@code marker}. A push answers only once Kafka has its event, so an
     * event the request before had emitted would be on the topic by now; the marker push proves the topic is read.
     */
    void assertNothingEmittedWith(String marker) {
        String after = UUID.randomUUID().toString();
        String id = publisher().contentType("application/json").body(json("Après " + after, "Texte " + after + "."))
                .post("/articles").then().statusCode(202).extract().path("id");
        eventFor(id, 1);
        assertTrue(kafka.readAll(Topics.ARTICLES_INGESTED).stream().noneMatch(r -> r.value().contains(marker)),
                "POST /extract emitted an event");
    }

    @Test
    void emitsAPushedPageUnderItsCanonicalUrl() {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String id = publisher().contentType("text/html; charset=UTF-8")
                .body(page(marker).getBytes(StandardCharsets.UTF_8))
                .queryParam("source", "test").queryParam("url", "https://journal.example.ma/x?utm_source=rss")
                .post("/articles").then().statusCode(202).extract().path("id");

        ArticleIngested event = eventFor(id, 1);
        assertEquals("https://journal.example.ma/crise-rabat-" + marker + ".html", event.article().url());
        assertTrue(event.article().text().startsWith("Le gouvernement a réuni ses ministres"), event.article().text());
        assertEquals("Samira B.", event.article().author());
    }

    @Test
    void extractsTheSampleTextWithItsSiteAndRelatedArticles() throws Exception {
        String text = Files.readString(Repository.samples().resolve(SAMPLE + ".txt"), StandardCharsets.UTF_8);
        JsonNode expected = EventJson.tree(Files.readString(Repository.samples().resolve(SAMPLE + ".expected.json")))
                .get("extraction");

        List<String> related = publisher().contentType("text/plain; charset=UTF-8")
                .body(text.getBytes(StandardCharsets.UTF_8)).post("/extract").then()
                .statusCode(200)
                .body("siteName", equalTo(expected.get("siteName").asText()))
                .body("publishedAt", equalTo(expected.get("publishedAt").asText()))
                .extract().path("related.title");
        List<String> expectedRelated = new java.util.ArrayList<>();
        expected.get("related").forEach(r -> expectedRelated.add(r.asText()));
        assertEquals(expectedRelated, related);
    }

    @Test
    void extractsABatchLineByLineWithoutEmitting() {
        String answer = publisher().contentType("application/x-ndjson")
                .body((json("Ligne " + UUID.randomUUID(), "Texte.") + "\n{\"title\":\"sans texte\"}\n")
                        .getBytes(StandardCharsets.UTF_8))
                .post("/extract").then().statusCode(200).contentType("application/x-ndjson").extract().asString();

        List<JsonNode> lines = answer.lines().map(EventJson::tree).toList();
        assertEquals(2, lines.size(), answer);
        assertEquals("Texte.", lines.get(0).get("extraction").get("text").asText());
        assertEquals("/text", lines.get(1).get("problem").get("errors").get(0).get("field").asText());
        assertNothingEmittedWith(lines.get(0).get("extraction").get("title").asText());
    }
}
