package io.newsflow.publish;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.newsflow.contract.Article;
import io.newsflow.contract.ArticleEnriched;
import io.newsflow.contract.EventJson;
import io.newsflow.contract.Topics;
import io.newsflow.localservers.RealServers;
import io.newsflow.localservers.RealServersResource;
import io.newsflow.localservers.TopicProbe;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The reader page in a real headless Chromium (Debian's package, which .ci/run installs), served by the whole service
 * over a real Kafka broker and MongoDB-wire server; the articles, one of them hostile, are written by the test.
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class ReaderPageBrowserIT {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    final TopicProbe kafka = new TopicProbe(RealServers.kafkaBootstrapServers());

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void needsChromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed (apt-get install chromium)");
    }

    void publish(ArticleEnriched event) {
        kafka.send(Topics.ARTICLES_ENRICHED, event.articleId(), EventJson.write(event));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/articles/{id}", event.articleId()).then().statusCode(200));
    }

    static ArticleEnriched with(ArticleEnriched e, String title, String text, String tag) {
        Article a = e.article();
        return new ArticleEnriched(e.schemaVersion(), e.eventId(), e.articleId(), e.revision(), e.occurredAt(),
                e.causationId(), e.ingestedAt(), new Article(title, text, a.url(), a.author(), a.publishedAt(),
                        a.section(), a.source(), a.language(), List.of(tag)),
                e.enrichment());
    }

    /** The page as Chromium has it once its scripts ran: the DOM, serialised. */
    Document render(String pathAndQuery) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("chromium-profile");
        Path out = Files.createTempFile("dom", ".html");
        Process chromium = new ProcessBuilder(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--timeout=5000", "--dump-dom",
                new URL(root, pathAndQuery).toString())
                .redirectOutput(out.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(chromium.waitFor(60, TimeUnit.SECONDS), "Chromium did not finish");
        return Jsoup.parse(Files.readString(out, StandardCharsets.UTF_8), root.toString());
    }

    @Test
    void showsTheSampleArticleAndFiltersByAKeywordChip() throws Exception {
        String tag = "browser-" + UUID.randomUUID();
        String sample = Events.newArticleId();
        publish(with(Events.enriched(sample, 1, "x", "fr", "Israël", "coopération militaire"),
                "Israël et le Maroc veulent renforcer leur coopération militaire", "Les perspectives…", tag));
        publish(with(Events.enriched(Events.newArticleId(), 1, "x", "fr", "Rabat"), "Un autre sujet", "Autre.", tag));

        Document page = render("/read?tag=" + tag);
        // The page's own script ran and started the live stream: the browser really executes scripts here.
        assertFalse(page.select("#live").hasAttr("hidden"), page.select("#live").outerHtml());
        List<String> titles = page.select("#articles .title").eachText();
        assertEquals(List.of("Israël et le Maroc veulent renforcer leur coopération militaire", "Un autre sujet")
                .stream().sorted().toList(), titles.stream().sorted().toList());
        Element chip = page.select("li[data-id=" + sample + "] a.chip.keyword").stream()
                .filter(a -> a.text().equals("Israël")).findFirst().orElseThrow();

        Document filtered = render(chip.attr("href"));

        assertEquals(List.of("Israël et le Maroc veulent renforcer leur coopération militaire"),
                filtered.select("#articles .title").eachText());
    }

    @Test
    void runsNoScriptThatCameWithAnArticle() throws Exception {
        String tag = "hostile-" + UUID.randomUUID();
        String id = Events.newArticleId();
        publish(with(Events.enriched(id, 1, "x", "fr"),
                "<img src=x onerror=\"document.body.setAttribute('data-pwned','title')\">Titre piégé",
                "<script>document.body.setAttribute('data-pwned','text')</script>Corps piégé.", tag));

        Document page = render("/read?tag=" + tag);
        Document article = render("/read/" + id);

        for (Document dom : List.of(page, article)) {
            assertFalse(dom.body().hasAttr("data-pwned"), dom.body().attributes().toString());
            assertTrue(dom.select("img[onerror]").isEmpty());
            assertTrue(dom.text().contains("Titre piégé"), dom.text());
        }
        given().get("/articles/{id}", id).then().body("title", equalTo(
                "<img src=x onerror=\"document.body.setAttribute('data-pwned','title')\">Titre piégé"));
    }
}
