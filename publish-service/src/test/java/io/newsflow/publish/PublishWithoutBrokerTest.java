package io.newsflow.publish;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Inject;

import org.bson.Document;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;

import io.newsflow.localservers.InMemoryChannels;
import io.newsflow.localservers.RealServersResource;
import io.newsflow.publish.ArticlePublishing.Received;
import io.newsflow.publish.config.PublishConfig;
import io.newsflow.publish.live.LiveAnnouncements;
import io.newsflow.publish.live.LiveAnnouncements.Arrival;
import io.newsflow.publish.live.LiveArticles;
import io.newsflow.publish.store.ArticleStore;
import io.newsflow.publish.store.ArticleStore.Source;
import io.newsflow.publish.store.StoredArticle;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The consumer's use case and the read API of the real service with no broker: {@code articles-enriched} is
 * SmallRye's in-memory connector, the store the embedded MongoDB-wire server in this JVM, and the test calls
 * {@link ArticlePublishing} and {@link LiveAnnouncements} as the Kafka consumers do. Fast tier; the Kafka path is {@code PublishedArticlesIT}'s.
 */
@QuarkusTest
@TestProfile(PublishWithoutBrokerTest.WithoutBroker.class)
@WithTestResource(value = RealServersResource.class, initArgs = @ResourceArg(name = "kafka", value = "false"))
class PublishWithoutBrokerTest {

    public static class WithoutBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new java.util.HashMap<>(
                    InMemoryChannels.of("incoming.articles-enriched", "incoming.articles-live"));
            config.put("newsflow.publish.stream-store-wait", "1s");
            return config;
        }
    }

    @Inject
    ArticlePublishing publishing;
    @Inject
    ArticleStore store;
    @Inject
    MongoClient mongo;
    @Inject
    PublishConfig config;
    @Inject
    LiveAnnouncements announcements;
    @Inject
    LiveArticles live;

    private static final java.util.concurrent.atomic.AtomicLong OFFSETS = new java.util.concurrent.atomic.AtomicLong();

    /** Events as the storing consumer reads them, from consecutive records of a partition no other test uses. */
    static List<Received> read(io.newsflow.contract.ArticleEnriched... events) {
        return java.util.Arrays.stream(events).map(e -> new Received(e, new Source(100, OFFSETS.incrementAndGet())))
                .toList();
    }

    @Test
    void storesTheNewestRevisionOnceWhateverTheOrderAndRepetitionOfEvents() {
        String id = Events.newArticleId();

        List<StoredArticle> first = publishing.publish(read(Events.enriched(id, 1, "Première version", "fr"),
                Events.enriched(id, 2, "Deuxième version", "fr")));
        List<StoredArticle> replayed = publishing.publish(read(Events.enriched(id, 2, "Deuxième version", "fr")));
        List<StoredArticle> stale = publishing.publish(read(Events.enriched(id, 1, "Première version", "fr")));

        assertEquals(List.of(2), first.stream().map(StoredArticle::revision).toList());
        assertEquals(List.of(), replayed);
        assertEquals(List.of(), stale);
        given().get("/articles/{id}", id).then().statusCode(200)
                .body("revision", equalTo(2)).body("title", equalTo("Deuxième version"));
    }

    /** The default indexed-filters: each filter's own index, its value and then the feed's order (ADR 0007). */
    @Test
    void createsAnIndexOfEachFilterLedByItsValueThenTheFeedsOrder() {
        List<Document> keys = mongo.getDatabase(config.database()).getCollection("articles").listIndexes()
                .map(index -> index.get("key", Document.class)).into(new java.util.ArrayList<>());
        for (String field : List.of("language", "sourceKey", "categoryKeys", "tags", "keywordSlugs", "entityKeys")) {
            Document expected = new Document(field, 1).append("sortAt", -1).append("_id", -1);
            assertTrue(keys.stream().anyMatch(k -> k.equals(expected)), field + " has no index of its own: " + keys);
            assertTrue(keys.stream().noneMatch(k -> k.equals(new Document(field, 1))),
                    field + " has a single-field index too: " + keys);
        }
    }

    @Test
    void servesWhatWasPublishedInTheFeedsAndAnswersProblemsForWhatIsNot() {
        String id = Events.newArticleId();
        publishing.publish(read(Events.enriched(id, 1, "Article du flux " + id, "ar")));

        given().get("/feed.json?language=ar").then().statusCode(200).body("items.id", hasItem(id));
        given().get("/articles/{id}", "nope").then().statusCode(404).contentType("application/problem+json")
                .body("title", equalTo("Not Found"));
        given().get("/articles?limit=0").then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void givesArticlesStoredBeforeSourceKeysTheirKeySoTheSourceFilterIgnoresCaseForThemToo() {
        String marker = "m" + Events.newArticleId();
        String id = Events.newArticleId();
        publishing.publish(read(Events.enriched(id, 1, "Ancien " + marker, "fr")));
        // As an article stored by the version before sourceKey existed.
        mongo.getDatabase(config.database()).getCollection("articles")
                .updateOne(Filters.eq("_id", id), Updates.unset("sourceKey"));
        given().get("/articles?source=BLADI.NET&q=" + marker).then().body("articles.size()", equalTo(0));

        long filled = store.backfillSourceKeys();

        assertTrue(filled >= 1);
        given().get("/articles?source=BLADI.NET&q=" + marker).then().body("articles.id", equalTo(List.of(id)));
        assertEquals(0, store.backfillSourceKeys());
    }

    @Test
    void fillsTheKeyOfAnArticleAnotherInstanceStoredWithoutItWhileTheLastPassRan() {
        store.backfillSourceKeys();
        String marker = "m" + Events.newArticleId();
        String id = Events.newArticleId();
        publishing.publish(read(Events.enriched(id, 1, "Pendant " + marker, "fr")));
        // As an instance of the version before sourceKey stores it, its clock five minutes behind this one's: the
        // next start looks from a little before the last complete pass, not from the pass itself.
        mongo.getDatabase(config.database()).getCollection("articles").updateOne(Filters.eq("_id", id), Updates
                .combine(Updates.unset("sourceKey"),
                        Updates.set("storedAt", Date.from(Instant.now().minusSeconds(300)))));
        given().get("/articles?source=BLADI.NET&q=" + marker).then().body("articles.size()", equalTo(0));

        assertEquals(1, store.backfillSourceKeys());

        given().get("/articles?source=BLADI.NET&q=" + marker).then().body("articles.id", equalTo(List.of(id)));
    }

    @Test
    void answersAnOverlongCursorAndWrongWebhookJsonAsProblems() {
        given().queryParam("cursor", "A".repeat(6000)).get("/articles").then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2("test-operator-key").contentType("application/json")
                .body("{\"url\": [1], \"secret\": {\"a\": 1}}").post("/webhooks").then()
                .statusCode(400).contentType("application/problem+json").body("title", equalTo("Bad Request"));
    }

    @Test
    void answersAWebhookBodyDeclaredOverTheLimitAsAProblemWithoutReadingIt() {
        String body = "{\"url\": \"https://receiver.example/" + "a".repeat(70_000) + "\"}";

        given().auth().oauth2("test-operator-key").contentType("application/json").body(body).post("/webhooks").then()
                .statusCode(413).contentType("application/problem+json").body("title", equalTo("Content Too Large"));
    }

    /** What a stream client connected now receives, until the test ends. */
    List<LiveArticles.Published> streamed() {
        List<LiveArticles.Published> streamed = new CopyOnWriteArrayList<>();
        live.subscribe(null, streamed::add);
        return streamed;
    }

    @Test
    void streamsARecordOnceItsRevisionIsStoredWhicheverInstanceStoredIt() throws Exception {
        String id = Events.newArticleId();
        List<LiveArticles.Published> streamed = streamed();
        // Stored as another instance's storing consumer would have: this instance only reads the records.
        publishing.publish(read(Events.enriched(id, 1, "Stocké ailleurs", "fr")));

        announcements.announce(List.of(new Arrival(101, 5, id, 1), new Arrival(101, 6, id, 1),
                new Arrival(101, 7, null, 0)));

        List<LiveArticles.Published> mine = streamed.stream().filter(p -> p.article().id().equals(id)).toList();
        assertEquals(1, mine.size(), "a record delivered twice is streamed once");
        assertEquals("Stocké ailleurs", mine.get(0).article().title());
        assertTrue(mine.get(0).article().storedAt() != null, "the stored article is streamed, with its storedAt");
    }

    @Test
    void announcesACopyOfAnEventOnlyToClientsThatWereNotSentItsFirstRecord() throws Exception {
        String first = Events.newArticleId();
        String copied = Events.newArticleId();
        var firstEvent = Events.enriched(first, 1, "Premier", "fr");
        var copiedEvent = Events.enriched(copied, 1, "Envoyé deux fois", "fr");
        // enrich-service sent each event twice (it died before committing); the storing consumer read each copy.
        publishing.publish(List.of(new Received(firstEvent, new Source(107, 3))));
        publishing.publish(List.of(new Received(firstEvent, new Source(107, 4))));
        publishing.publish(List.of(new Received(copiedEvent, new Source(107, 5)),
                new Received(copiedEvent, new Source(107, 6))));
        List<LiveArticles.Published> streamed = streamed();
        // A client that another instance had sent the record at offset 5 (its position is past it).
        List<LiveArticles.Published> movedHere = new CopyOnWriteArrayList<>();
        live.subscribe("107:6", movedHere::add);

        announcements.announce(List.of(new Arrival(107, 3, first, 1), new Arrival(107, 4, first, 1)));
        // As an instance that started reading after offset 5: it announces the copy, naming the record that stored
        // the article, for its own clients, who never got it.
        announcements.announce(List.of(new Arrival(107, 6, copied, 1)));

        assertEquals(List.of(first + "@3 from 3", copied + "@6 from 5"), streamed.stream()
                .filter(p -> p.partition() == 107)
                .map(p -> p.article().id() + "@" + p.offset() + " from " + p.storedFrom().offset()).toList());
        assertEquals(List.of(), movedHere.stream().filter(p -> p.article().id().equals(copied)).toList(),
                "the client that got the first record is not sent the copy");
    }

    @Test
    void passesOverARevisionNeverStoredAfterTheWaitWithoutHoldingBackOtherPartitionsOrNewerRevisions()
            throws Exception {
        String stored = Events.newArticleId();
        String revised = Events.newArticleId();
        String never = Events.newArticleId();
        List<LiveArticles.Published> streamed = streamed();
        publishing.publish(read(Events.enriched(stored, 1, "Arrivé", "fr"),
                Events.enriched(revised, 2, "Révisé", "fr")));

        announcements.announce(List.of(new Arrival(102, 1, never, 1), new Arrival(102, 2, stored, 1),
                new Arrival(103, 1, revised, 1), new Arrival(103, 2, revised, 2)));

        assertEquals(List.of(revised + ":2"), streamed.stream().filter(p -> p.partition() == 103)
                .map(p -> p.article().id() + ":" + p.article().revision()).toList(),
                "an older revision than the stored one is not streamed");
        assertEquals(List.of(stored), streamed.stream().filter(p -> p.partition() == 102)
                .map(p -> p.article().id()).toList(),
                "a record never stored is passed over, and the record behind it in its partition is streamed");
    }

    @io.quarkus.test.common.http.TestHTTPResource("/articles/stream")
    java.net.URL streamUrl;

    static StoredArticle tagged(String id, String tag) {
        return new StoredArticle(id, 1, "Titre " + id, "Texte", "https://example.com/" + id, null, null, null,
                "example", List.of(tag), List.of(), "fr", 1.0, List.of(), List.of(), List.of(), null, null, null,
                null, null, null, "2030-01-01T00:00:00Z", "2030-01-01T00:00:00Z");
    }

    @Test
    void aClientReconnectingAfterMoreArticlesThanItsBacklogGetsEveryOneItMissed() throws Exception {
        String tag = "replay-" + Events.newArticleId();
        List<LiveArticles.Published> streamed = streamed();
        live.publish(105, 0, tagged(Events.newArticleId(), tag));
        String lastEventId = streamed.get(streamed.size() - 1).id();
        int missed = 400;
        for (int i = 1; i <= missed; i++) {
            live.publish(105, i, tagged(Events.newArticleId(), tag));
        }

        var resumed = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create(streamUrl + "?tag=" + tag)).header("Last-Event-ID", lastEventId)
                .build(), java.net.http.HttpResponse.BodyHandlers.ofLines());
        // Preemptive, so that a stream that stops short fails the test instead of hanging it.
        long received = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20),
                () -> resumed.body().filter(line -> line.startsWith("data:")).limit(missed).count());
        assertEquals(missed, received, "every missed article replayed, more than the 256 of a client's backlog");
    }
}
