package io.newsflow.ingest.sources;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.newsflow.contract.ArticleIngested;
import io.newsflow.contract.EventJson;
import io.newsflow.contract.Topics;
import io.newsflow.ingest.config.FetchConfig;
import io.newsflow.ingest.store.HostRefusalStore;
import io.newsflow.ingest.store.SourceStore;
import io.newsflow.localservers.RealServers;
import io.newsflow.localservers.RealServersResource;
import io.newsflow.localservers.TopicProbe;
import io.newsflow.outbound.FetchException;
import io.newsflow.outbound.FetchSettings;
import io.newsflow.outbound.HmacSignatures;
import io.newsflow.outbound.HostRefusals;
import io.newsflow.outbound.PoliteFetcher;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The whole service over a real Kafka broker and MongoDB-wire server, polling a real local HTTP server that plays a
 * publisher (feeds with ETags, article pages) and a WebSub hub; only the publisher's content is made up.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
@WithTestResource(CallbackPort.class)
class FeedSourcesIT {

    static final String KEY = "test-publisher-key";
    static HttpServer publisher;
    static final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    static final Map<String, String> conditionalHeaders = new ConcurrentHashMap<>();
    static final Map<String, Map<String, String>> subscriptions = new ConcurrentHashMap<>();
    static final Map<String, AtomicInteger> hubRequests = new ConcurrentHashMap<>();

    final TopicProbe kafka = new TopicProbe(RealServers.kafkaBootstrapServers());

    @Inject
    WebSubSubscriber websub;
    @Inject
    PoliteFetcher fetcher;
    @Inject
    HostRefusalStore refusals;
    @Inject
    SourceStore sources;
    @Inject
    FetchConfig fetchConfig;

    static String base() {
        return "http://127.0.0.1:" + publisher.getAddress().getPort();
    }

    static RequestSpecification publisherKey() {
        return given().auth().oauth2(KEY);
    }

    @BeforeAll
    static void startPublisher() throws IOException {
        publisher = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        publisher.createContext("/", FeedSourcesIT::serve);
        publisher.start();
    }

    @AfterAll
    static void stopPublisher() {
        publisher.stop(0);
    }

    static void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        if (exchange.getRequestMethod().equals("POST") && path.equals("/hub")) {
            Map<String, String> form = new HashMap<>();
            for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    .split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            subscriptions.put(form.get("hub.topic"), form);
            hubRequests.computeIfAbsent(form.get("hub.topic"), t -> new AtomicInteger()).incrementAndGet();
            respond(exchange, 202, "text/plain", "");
            return;
        }
        if (path.equals("/busy")) {
            exchange.getResponseHeaders().add("Retry-After", "120");
            respond(exchange, 429, "text/plain", "slow down");
            return;
        }
        String feedId = path.replaceAll("^/feeds/([^/]+)/.*$", "$1");
        if (path.endsWith("/rss.xml")) {
            String etag = "\"v1-" + feedId + "\"";
            conditionalHeaders.put(feedId, String.valueOf(exchange.getRequestHeaders().getFirst("If-None-Match")));
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.getResponseHeaders().add("ETag", etag);
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("ETag", etag);
            respond(exchange, 200, "application/rss+xml; charset=UTF-8", rss(feedId));
        } else if (path.endsWith("/atom.xml")) {
            respond(exchange, 200, "application/atom+xml", atom(feedId, "first", "La première dépêche"));
        } else if (path.endsWith("/teaser.html")) {
            respond(exchange, 200, "text/html; charset=UTF-8", page(feedId));
        } else {
            respond(exchange, 404, "text/plain", "not found");
        }
    }

    static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    static final String[] VOCABULARY = ("conseil municipal budget année débat école transport investissement ville "
            + "maire élus habitants projet travaux printemps calendrier région quartier association commerce marché "
            + "vote séance rapport dépense recette impôt emploi entreprise chantier route pont gare tramway parc "
            + "musée théâtre stade piscine bibliothèque hôpital crèche collège lycée université").split(" ");

    /** Text of its own for each feed, so that no two tests' articles look like the same story. */
    static String prose(String seed, int words) {
        java.util.Random random = new java.util.Random(seed.hashCode());
        StringBuilder text = new StringBuilder("Le ");
        for (int i = 0; i < words; i++) {
            text.append(VOCABULARY[random.nextInt(VOCABULARY.length)]).append(i % 12 == 11 ? ". Le " : " ");
        }
        return text.append("fin.").toString();
    }

    static String rss(String feedId) {
        String full = "<p>" + prose(feedId + "full", 120) + "</p><p>Les investissements porteront sur les écoles.</p>";
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
                <channel><title>Journal %1$s</title><link>%2$s/</link><description>Test</description><language>fr</language>
                <item><guid>%1$s-full</guid><title>Le budget voté %1$s</title><link>%2$s/feeds/%1$s/full.html</link>
                <pubDate>Wed, 18 Jan 2023 15:20:00 +0100</pubDate><category>Politique</category>
                <content:encoded><![CDATA[%3$s]]></content:encoded></item>
                <item><guid>%1$s-teaser</guid><title>Une dépêche courte %1$s</title><link>%2$s/feeds/%1$s/teaser.html</link>
                <pubDate>Thu, 19 Jan 2023 09:00:00 +0100</pubDate><description>Le début seulement…</description></item>
                </channel></rss>
                """
                .formatted(feedId, base(), full);
    }

    static String page(String feedId) {
        return """
                <html lang="fr"><head><title>Une dépêche courte %1$s</title></head><body>
                <nav><a href="/">Accueil</a> <a href="/monde">Monde</a></nav>
                <article><h1>Une dépêche courte %1$s</h1>
                <p>La page complète raconte ce que la dépêche résumait, avec tous les détails que le flux ne donnait pas au lecteur pressé.</p>
                <p>Un deuxième paragraphe apporte les réactions des élus, qui se sont félicités du résultat obtenu après des mois de travail.</p>
                <p>Un troisième paragraphe précise le calendrier des travaux, qui commenceront au printemps et dureront deux années entières.</p>
                <p>%2$s</p>
                </article><footer>© Journal</footer></body></html>
                """
                .formatted(feedId, prose(feedId + "page", 80));
    }

    static String atom(String feedId, String entryId, String title) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>Hub %1$s</title><id>urn:%1$s</id>
                <updated>2024-05-02T10:00:00+02:00</updated>
                <link rel="self" href="%2$s/feeds/%1$s/atom.xml"/><link rel="hub" href="%2$s/hub"/>
                <entry><id>urn:%1$s:%3$s</id><title>%4$s %1$s</title><link href="%2$s/feeds/%1$s/%3$s.html"/>
                <updated>2024-05-02T10:00:00+02:00</updated>
                <content type="html">&lt;p&gt;%5$s&lt;/p&gt;</content></entry></feed>
                """.formatted(feedId, base(), entryId, title,
                "Le texte complet de la dépêche est livré par le hub. " + prose(feedId + entryId, 100));
    }

    String addSource(String path) {
        return publisherKey().contentType(ContentType.JSON)
                .body("{\"url\":\"" + base() + path + "\",\"interval\":\"PT10M\",\"language\":\"fr\"}")
                .post("/sources").then().statusCode(201).extract().path("id");
    }

    ArticleIngested ingested(String title) {
        return EventJson.readIngested(kafka.first(Topics.ARTICLES_INGESTED,
                r -> EventJson.readIngested(r.value()).article().title().equals(title), Duration.ofSeconds(30))
                .value());
    }

    @Test
    void pollsAFeedAndEmitsEveryEntryOnceWithTheTeaserPageExtracted() {
        String feed = UUID.randomUUID().toString().substring(0, 8);
        String id = addSource("/feeds/" + feed + "/rss.xml");

        publisherKey().post("/sources/{id}/poll", id).then().statusCode(200)
                .body("status.entriesSeen", equalTo(2))
                .body("status.lastError", equalTo(null))
                .body("title", equalTo("Journal " + feed));

        ArticleIngested full = ingested("Le budget voté " + feed);
        assertEquals("2023-01-18T15:20+01:00", full.article().publishedAt().toString());
        assertEquals(List.of("Politique"), full.article().tags());
        assertEquals("fr", full.article().language());
        assertEquals("127.0.0.1", full.article().source());
        ArticleIngested teaser = ingested("Une dépêche courte " + feed);
        assertTrue(teaser.article().text().contains("tous les détails que le flux ne donnait pas"),
                teaser.article().text());
        assertTrue(!teaser.article().text().contains("Accueil"), teaser.article().text());
    }

    @Test
    void asksConditionallyAndTakesNothingWhenTheFeedIsUnchanged() {
        String feed = UUID.randomUUID().toString().substring(0, 8);
        String id = addSource("/feeds/" + feed + "/rss.xml");
        publisherKey().post("/sources/{id}/poll", id).then().statusCode(200).body("status.entriesSeen", equalTo(2));

        publisherKey().post("/sources/{id}/poll", id).then().statusCode(200)
                .body("status.entriesSeen", equalTo(2))
                .body("status.lastSuccessAt", org.hamcrest.Matchers.notNullValue());

        assertEquals("\"v1-" + feed + "\"", conditionalHeaders.get(feed));
        assertEquals(1, requests.get("/feeds/" + feed + "/teaser.html").get());
    }

    @Test
    void recordsTheErrorOfAFeedThatIsGone() {
        String id = addSource("/feeds/gone/missing.xml");

        publisherKey().post("/sources/{id}/poll", id).then().statusCode(200)
                .body("status.lastError", org.hamcrest.Matchers.containsString("HTTP 404"))
                .body("status.consecutiveFailures", equalTo(1));
    }

    @Test
    void managesSourcesThroughTheApi() {
        String id = addSource("/feeds/" + UUID.randomUUID() + "/rss.xml");

        publisherKey().get("/sources").then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2("other-publisher-key").get("/sources").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.not(hasItem(id)));
        // Another publisher's source does not exist for this key: not shown, not changed, not removed.
        given().auth().oauth2("other-publisher-key").get("/sources/{id}", id).then().statusCode(404);
        given().auth().oauth2("other-publisher-key").delete("/sources/{id}", id).then().statusCode(404);
        given().auth().oauth2("other-publisher-key").post("/sources/{id}/poll", id).then().statusCode(404);
        publisherKey().contentType(ContentType.JSON).body("{\"interval\":\"PT30M\",\"timeZone\":\"Africa/Casablanca\"}")
                .put("/sources/{id}", id).then().statusCode(200)
                .body("interval", equalTo("PT30M")).body("timeZone", equalTo("Africa/Casablanca"));
        publisherKey().contentType(ContentType.JSON).body("{\"interval\":\"often\",\"language\":\"french\"}")
                .put("/sources/{id}", id).then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("/interval")).body("errors.field", hasItem("/language"));
        publisherKey().delete("/sources/{id}", id).then().statusCode(204);
        publisherKey().get("/sources/{id}", id).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void refusesTheSameFeedTwice() {
        String path = "/feeds/" + UUID.randomUUID() + "/rss.xml";
        addSource(path);

        publisherKey().contentType(ContentType.JSON).body("{\"url\":\"" + base() + path + "#again\"}").post("/sources")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void importsAndExportsOpml() {
        String one = base() + "/feeds/" + UUID.randomUUID() + "/rss.xml";
        String two = base() + "/feeds/" + UUID.randomUUID() + "/atom.xml";
        String opml = """
                <?xml version="1.0"?><opml version="2.0"><head><title>Mine</title></head><body>
                <outline text="News"><outline type="rss" text="One" xmlUrl="%s" language="fr"/>
                <outline type="rss" text="Two" xmlUrl="%s"/></outline>
                <outline type="rss" text="Broken" xmlUrl="ftp://nowhere"/></body></opml>
                """.formatted(one, two);

        publisherKey().contentType("text/x-opml").body(opml.getBytes(StandardCharsets.UTF_8)).post("/sources/opml")
                .then().statusCode(200)
                .body("status", equalTo(List.of("created", "created", "invalid")));
        String exported = publisherKey().accept("text/x-opml").get("/sources/opml").then().statusCode(200).extract()
                .asString();
        assertTrue(exported.contains(one) && exported.contains(two), exported);
    }

    @Test
    void needsAKeyToManageSources() {
        given().get("/sources").then().statusCode(401);
    }

    @Test
    void subscribesToTheHubAndTakesOnlySignedDeliveries() throws Exception {
        String feed = UUID.randomUUID().toString().substring(0, 8);
        String topic = base() + "/feeds/" + feed + "/atom.xml";
        String id = addSource("/feeds/" + feed + "/atom.xml");
        publisherKey().post("/sources/{id}/poll", id).then().statusCode(200).body("websub.state", equalTo("requested"));
        Map<String, String> subscription = await().atMost(Duration.ofSeconds(10)).until(() -> subscriptions.get(topic),
                s -> s != null);
        assertEquals("subscribe", subscription.get("hub.mode"));
        String callback = subscription.get("hub.callback");
        assertEquals(CallbackPort.baseUrl + "/websub/" + id, callback);

        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> verified = http.send(HttpRequest.newBuilder(URI.create(callback
                + "?hub.mode=subscribe&hub.topic=" + topic + "&hub.challenge=c-" + feed + "&hub.lease_seconds=864000"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, verified.statusCode());
        assertEquals("c-" + feed, verified.body());
        publisherKey().get("/sources/{id}", id).then().body("websub.state", equalTo("active"));
        // Nothing was asked: a denial now is someone else's, and must not lapse the subscription.
        HttpResponse<String> unasked = http.send(HttpRequest.newBuilder(URI.create(callback
                + "?hub.mode=denied&hub.topic=" + topic + "&hub.reason=x")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, unasked.statusCode());
        publisherKey().get("/sources/{id}", id).then().body("websub.state", equalTo("active"));

        HttpResponse<String> wrongTopic = http.send(HttpRequest.newBuilder(URI.create(callback
                + "?hub.mode=subscribe&hub.topic=" + base() + "/other&hub.challenge=x")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, wrongTopic.statusCode());

        byte[] delivery = atom(feed, "pushed", "Dépêche poussée").getBytes(StandardCharsets.UTF_8);
        String signature = HmacSignatures.sha256(subscription.get("hub.secret"), delivery);
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(callback))
                .header("Content-Type", "application/atom+xml").header("X-Hub-Signature", "sha256=" + "0".repeat(64))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, forged.statusCode());
        HttpResponse<String> signed = http.send(HttpRequest.newBuilder(URI.create(callback))
                .header("Content-Type", "application/atom+xml").header("X-Hub-Signature", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, signed.statusCode(), signed.body());

        ArticleIngested pushed = ingested("Dépêche poussée " + feed);
        assertTrue(pushed.article().text().startsWith("Le texte complet de la dépêche"), pushed.article().text());
    }

    /** A source whose feed names the test's hub, polled once, and the hub asked to subscribe. */
    record Subscribed(String id, String topic) {
    }

    Subscribed subscribedSource() {
        String feed = UUID.randomUUID().toString().substring(0, 8);
        String topic = base() + "/feeds/" + feed + "/atom.xml";
        String id = addSource("/feeds/" + feed + "/atom.xml");
        publisherKey().post("/sources/{id}/poll", id).then().statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> subscriptions.containsKey(topic));
        return new Subscribed(id, topic);
    }

    @Test
    void renewsALeaseBeforeItEndsAndFallsBackToPollingWhenItLapses() throws Exception {
        Subscribed subscribed = subscribedSource();
        String id = subscribed.id();
        String topic = subscribed.topic();
        subscriptions.remove(topic);
        // A lease shorter than the renewal margin is due for renewal at once.
        assertEquals(java.util.Optional.of("c"), websub.verify(id, "subscribe", topic, "c", 60L));

        websub.renewLeases();

        assertTrue(subscriptions.containsKey(topic), "renewal sent to the hub");
        assertEquals(java.util.Optional.of("c"), websub.verify(id, "subscribe", topic, "c", 0L));
        websub.renewLeases();
        publisherKey().get("/sources/{id}", id).then().body("websub.state", equalTo("lapsed"));
    }

    @Test
    void lapsesOnlyAPendingRequestThatTheHubDeniesForItsTopic() throws Exception {
        Subscribed subscribed = subscribedSource();
        String id = subscribed.id();
        String topic = subscribed.topic();

        assertFalse(websub.denied(id, base() + "/other", "another topic"));
        publisherKey().get("/sources/{id}", id).then().body("websub.state", equalTo("requested"));
        assertTrue(websub.denied(id, topic, "hub full"));
        publisherKey().get("/sources/{id}", id).then().body("websub.state", equalTo("lapsed"));
    }

    @Test
    void instancesPollingANewFeedAtTheSameTimeSubscribeOnceWithOneSecret() throws Exception {
        String feed = UUID.randomUUID().toString().substring(0, 8);
        String topic = base() + "/feeds/" + feed + "/atom.xml";
        String id = addSource("/feeds/" + feed + "/atom.xml");

        // Four instances polling the feed at once, each finding that it names a hub and that nobody subscribed yet.
        var instances = Executors.newFixedThreadPool(4);
        try {
            var polls = new ArrayList<Future<Integer>>();
            for (int i = 0; i < 4; i++) {
                polls.add(instances.submit(() -> publisherKey().post("/sources/{id}/poll", id).statusCode()));
            }
            for (var poll : polls) {
                assertEquals(200, poll.get());
            }
        } finally {
            instances.shutdown();
        }

        assertEquals(1, hubRequests.get(topic).get(), "one subscription request reached the hub");
        // The secret the hub was given is the one that signs what it delivers: a signed delivery is taken.
        byte[] delivery = atom(feed, "shared", "Dépêche partagée").getBytes(StandardCharsets.UTF_8);
        String callback = subscriptions.get(topic).get("hub.callback");
        assertEquals(Optional.of("c"), websub.verify(id, "subscribe", topic, "c", 864000L));
        HttpResponse<String> signed = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(callback))
                .header("Content-Type", "application/atom+xml")
                .header("X-Hub-Signature", HmacSignatures.sha256(subscriptions.get(topic).get("hub.secret"), delivery))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, signed.statusCode(), signed.body());
    }

    @Test
    void instancesRenewingAtTheSameTimeAskTheHubOnce() throws Exception {
        Subscribed subscribed = subscribedSource();
        String id = subscribed.id();
        String topic = subscribed.topic();
        String secret = subscriptions.get(topic).get("hub.secret");
        // A lease shorter than the renewal margin: due for renewal at once, on every instance.
        assertEquals(java.util.Optional.of("c"), websub.verify(id, "subscribe", topic, "c", 60L));
        hubRequests.get(topic).set(0);

        // Four instances' renewal jobs at the same moment, as one scheduler per instance runs them.
        var instances = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var ticks = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            var start = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < 4; i++) {
                ticks.add(instances.submit(() -> {
                    start.await();
                    websub.renewLeases();
                    return null;
                }));
            }
            start.countDown();
            for (var tick : ticks) {
                tick.get();
            }
        } finally {
            instances.shutdown();
        }

        assertEquals(1, hubRequests.get(topic).get(), "one renewal request reached the hub");
        assertEquals(secret, subscriptions.get(topic).get("hub.secret"), "with the subscription's own secret");
    }

    @Test
    void aLapseDecidedOnAStaleViewLeavesTheVerificationAnotherInstanceRecordedMeanwhile() {
        Subscribed subscribed = subscribedSource();
        String id = subscribed.id();
        String topic = subscribed.topic();
        assertEquals(java.util.Optional.of("c"), websub.verify(id, "subscribe", topic, "c", 60L));
        // What one instance read before deciding the lease had ended (or the hub had refused its renewal) ...
        SourceStore.WebSubState seen = sources.find(id).orElseThrow().websub();
        // ... then another instance renewed, and the hub verified the renewal.
        assertTrue(sources.requestWebSub(id, seen, new SourceStore.WebSubState(seen.hub(), seen.topic(),
                seen.secret(), seen.state(), seen.verifiedAt().plusSeconds(1), seen.verifiedAt(),
                seen.leaseExpiresAt())));
        assertEquals(java.util.Optional.of("d"), websub.verify(id, "subscribe", topic, "d", 600L));

        assertFalse(sources.lapseWebSub(id, seen), "a lapse on the stale view");
        assertEquals(SourceStore.WebSubState.State.ACTIVE, sources.find(id).orElseThrow().websub().state());
        SourceStore.WebSubState now = sources.find(id).orElseThrow().websub();
        assertTrue(sources.lapseWebSub(id, now), "a lapse on the current view");
        assertEquals(SourceStore.WebSubState.State.LAPSED, sources.find(id).orElseThrow().websub().state());
    }

    @Test
    void aHostThatRefusedOneInstanceIsLeftAloneByTheOthers() throws Exception {
        // Another instance's fetcher, sharing this one's MongoDB; "localhost", so that no other test's host backs off.
        PoliteFetcher otherInstance = new PoliteFetcher(new FetchSettings(fetchConfig.userAgent(),
                fetchConfig.connectTimeout(), fetchConfig.requestTimeout(), fetchConfig.maxBytes(),
                fetchConfig.maxRedirects(), fetchConfig.perHostConcurrency(), fetchConfig.allowPrivateNetworks()),
                refusals);
        URI busy = URI.create("http://localhost:" + publisher.getAddress().getPort() + "/busy");
        try {
            assertEquals(429, otherInstance.fetch(busy, null).status());

            assertTrue(fetcher.notBefore("localhost").isAfter(Instant.now().plusSeconds(100)),
                    "this instance knows the host asked for two minutes");
            assertThrows(FetchException.class, () -> fetcher.fetch(busy, null));
            assertEquals(1, requests.get("/busy").get(), "this instance never asked the host");

            // Refusals seen by several instances at once are each counted.
            var instances = Executors.newFixedThreadPool(4);
            try {
                var counted = new ArrayList<Future<Integer>>();
                for (int i = 0; i < 8; i++) {
                    counted.add(instances.submit(() -> refusals.refused("localhost")));
                }
                var seen = new HashSet<Integer>();
                for (var count : counted) {
                    seen.add(count.get());
                }
                assertEquals(Set.of(2, 3, 4, 5, 6, 7, 8, 9), seen);
            } finally {
                instances.shutdown();
            }
            // An instance whose fetch succeeded forgets only the refusal it had read, not one counted since.
            HostRefusals.Refusal read = refusals.of("localhost").orElseThrow();
            refusals.refused("localhost");
            refusals.answered("localhost", read);
            assertTrue(refusals.of("localhost").isPresent(), "a refusal counted meanwhile stands");
        } finally {
            refusals.of("localhost").ifPresent(r -> refusals.answered("localhost", r));
        }
    }
}
