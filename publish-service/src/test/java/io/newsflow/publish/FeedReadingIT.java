package io.newsflow.publish;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;

import io.newsflow.contract.ArticleEnriched;
import io.newsflow.contract.EventJson;
import io.newsflow.contract.Topics;
import io.newsflow.localservers.RealServers;
import io.newsflow.localservers.RealServersResource;
import io.newsflow.localservers.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The whole service over a real Kafka broker and a real MongoDB-wire server, read as a feed reader, a program and a
 * browser would; the enriched events are written by the test.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class FeedReadingIT {

    final TopicProbe kafka = new TopicProbe(RealServers.kafkaBootstrapServers());

    @io.quarkus.test.common.http.TestHTTPResource("/articles/stream")
    java.net.URL streamUrl;

    String publish(ArticleEnriched event) {
        kafka.send(Topics.ARTICLES_ENRICHED, event.articleId(), EventJson.write(event));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/articles/{id}", event.articleId()).then().statusCode(200)
                        .body("revision", equalTo(event.revision())));
        return event.articleId();
    }

    @Test
    void pagesThroughAChangingFeedWithoutSkippingOrRepeating() {
        String tag = "paging-" + UUID.randomUUID();
        OffsetDateTime start = OffsetDateTime.parse("2030-01-01T12:00:00+01:00");
        Set<String> published = new HashSet<>();
        for (int i = 0; i < 7; i++) {
            published.add(publish(tagged(Events.enriched(Events.newArticleId(), 1, "Page " + i, "fr",
                    start.minusMinutes(i)), tag)));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = given().queryParam("tag", tag).queryParam("limit", 3)
                    .queryParam("cursor", cursor == null ? "" : cursor).get("/articles").then().statusCode(200)
                    .extract();
            seen.addAll(page.path("articles.id"));
            cursor = page.path("next");
            if (pages++ == 0) {
                // Newer articles arriving while paging land before the first page, not inside the pages to come.
                publish(tagged(Events.enriched(Events.newArticleId(), 1, "Newer", "fr", start.plusMinutes(5)), tag));
            }
        } while (cursor != null);

        assertEquals(7, seen.size(), seen.toString());
        assertEquals(published, new HashSet<>(seen));
    }

    static ArticleEnriched tagged(ArticleEnriched e, String tag) {
        var a = e.article();
        return new ArticleEnriched(e.schemaVersion(), e.eventId(), e.articleId(), e.revision(), e.occurredAt(),
                e.causationId(), e.ingestedAt(), new io.newsflow.contract.Article(a.title(), a.text(), a.url(),
                        a.author(), a.publishedAt(), a.section(), a.source(), a.language(), List.of(tag), a.related()),
                e.enrichment());
    }

    @Test
    void filtersByEveryField() {
        String tag = "filters-" + UUID.randomUUID();
        String id = publish(tagged(Events.enriched(Events.newArticleId(), 1, "Coopération militaire renforcée", "fr",
                OffsetDateTime.parse("2023-01-18T15:20:00+01:00"), "Israël", "coopération militaire"), tag));

        for (String[] filter : new String[][] {{"tag", tag}, {"keyword", "israel"}, {"keyword", "Israël"},
                {"entity", "far"}, {"entity", "Maroc"}, {"category", "medtop:11000000"}, {"category", "politics"},
                {"language", "fr"}, {"source", "bladi.net"}, {"since", "2023-01-18"},
                {"until", "2023-01-19T00:00:00+01:00"}, {"q", "cooperation MILITAIRE"}, {"q", "résumé israel"}}) {
            given().queryParam(filter[0], filter[1]).queryParam("limit", 100).get("/articles").then().statusCode(200)
                    .body("articles.id", hasItem(id));
        }
        for (String[] filter : new String[][] {{"keyword", "maroc"}, {"entity", "Rabat"}, {"category", "sport"},
                {"language", "en"}, {"since", "2023-01-19"}, {"until", "2023-01-18"}, {"q", "football"}}) {
            given().queryParam("tag", tag).queryParam(filter[0], filter[1]).get("/articles").then().statusCode(200)
                    .body("articles.id", not(hasItem(id)));
        }
        given().queryParam("since", "yesterday").get("/articles").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("cursor", "garbage!").get("/articles").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void servesValidRssAndAtomWithConditionalGet() throws Exception {
        String tag = "rss-" + UUID.randomUUID();
        String id = publish(tagged(Events.enriched(Events.newArticleId(), 1, "Dans le flux <b>gras</b>", "fr"), tag));

        for (String feed : List.of("/feed.rss", "/feed.atom")) {
            var response = given().queryParam("tag", tag).get(feed).then().statusCode(200).extract();
            SyndFeed parsed = new SyndFeedInput().build(new StringReader(response.asString()));
            assertEquals(1, parsed.getEntries().size(), feed);
            assertEquals("Dans le flux <b>gras</b>", parsed.getEntries().get(0).getTitle());
            assertTrue(response.asString().contains(id), feed);
            String etag = response.header("ETag");
            given().queryParam("tag", tag).header("If-None-Match", etag).get(feed).then().statusCode(304);
        }
    }

    @Test
    void servesAJsonFeedValidAgainstItsSchema() throws Exception {
        String tag = "json-" + UUID.randomUUID();
        publish(tagged(Events.enriched(Events.newArticleId(), 1, "Au format JSON Feed", "fr"), tag));

        String feed = given().queryParam("tag", tag).get("/feed.json").then().statusCode(200)
                .contentType("application/feed+json").body("version", equalTo("https://jsonfeed.org/version/1.1"))
                .body("items.title", hasItem("Au format JSON Feed")).extract().asString();
        try (InputStream schema = getClass().getResourceAsStream("/jsonfeed-1.1.schema.json")) {
            var errors = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(schema, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build())
                    .validate(EventJson.tree(feed));
            assertEquals(Set.of(), errors);
        }
    }

    @Test
    void streamsNewArticlesAndReplaysWhatAReconnectingClientMissed() throws Exception {
        String tag = "live-" + UUID.randomUUID();
        // The stream's own consumer starts at the end of the topic once it has its partitions: ready from then on.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                .body("checks.find { it.name == 'Streaming live articles' }.status", equalTo("UP")));
        List<String> lines = new CopyOnWriteArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        var stream = http.sendAsync(
                HttpRequest.newBuilder(URI.create(streamUrl + "?tag=" + tag)).header("Accept", "text/event-stream")
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = stream.get(10, TimeUnit.SECONDS).body();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null;) {
                    lines.add(line);
                }
            } catch (Exception e) {
                // The test closes the stream when done.
            }
        });
        reader.setDaemon(true);
        reader.start();

        String first = publish(tagged(Events.enriched(Events.newArticleId(), 1, "En direct", "fr"), tag));
        await().atMost(Duration.ofSeconds(5)).until(() -> lines.stream().anyMatch(l -> l.contains(first)));
        String lastId = lines.stream().filter(l -> l.startsWith("id:")).reduce((a, b) -> b).orElseThrow()
                .substring(3).strip();
        assertTrue(lines.contains("event:article") || lines.contains("event: article"), lines.toString());
        body.close();

        String missed = publish(tagged(Events.enriched(Events.newArticleId(), 1, "Manqué", "fr"), tag));
        HttpResponse<InputStream> resumed = http.send(
                HttpRequest.newBuilder(URI.create(streamUrl + "?tag=" + tag)).header("Last-Event-ID", lastId).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        // Preemptive, so that a stream that never sends the missed article fails the test instead of hanging it.
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(resumed.body(), StandardCharsets.UTF_8))) {
                String line;
                boolean sawMissed = false;
                while (!sawMissed && (line = in.readLine()) != null) {
                    assertFalse(line.contains(first), "replayed an article the client had: " + line);
                    sawMissed = line.contains(missed);
                }
                assertTrue(sawMissed);
            }
        });
    }

    @Test
    void rendersTheReaderPageWithEverythingFromOutsideEscaped() {
        String tag = "page-" + UUID.randomUUID();
        String id = publish(tagged(Events.enriched(Events.newArticleId(), 1,
                "<script>document.body.dataset.pwned=1</script>Titre", "fr", "Israël"), tag));

        given().queryParam("tag", tag).get("/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .body(containsString("&lt;script&gt;document.body.dataset.pwned=1&lt;/script&gt;Titre"))
                .body(not(containsString("<script>document")))
                .body(containsString("href=\"/read?keyword=israel&amp;tag=" + tag.replace("-", "-")))
                .body(containsString("type=\"application/rss+xml\""));
        given().get("/read/{id}", id).then().statusCode(200).body(containsString("Forces Armées Royales"))
                .body(containsString("href=\"https://example.com/lie\""))
                .body(containsString("&lt;b&gt;Sans adresse&lt;/b&gt;"));
    }
}
