package io.newsflow.systemtests;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;

import io.newsflow.contract.EventJson;
import io.newsflow.localservers.RealServers;
import io.newsflow.localservers.TopicProbe;

/**
 * The three packaged services as real processes over a real Kafka broker and a MongoDB-wire server; nothing is faked.
 */
class SampleArticleEndToEndIT {

    static final Path ROOT = Path.of(System.getProperty("newsflow.root", "..")).toAbsolutePath().normalize();
    static final String SAMPLE = "bladi-maroc-israel-cooperation-militaire";
    static final String API_KEY = UUID.randomUUID().toString();
    static final List<ServiceProcess> SERVICES = new ArrayList<>();
    static ServiceProcess ingest;
    static ServiceProcess enrich;
    static ServiceProcess publish;

    /** What the services export over OTLP (HTTP/protobuf), as a trace collector would receive it. */
    static final List<byte[]> EXPORTED = new CopyOnWriteArrayList<>();
    static HttpServer collector;

    @BeforeAll
    static void startTheSystem() throws IOException {
        collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            EXPORTED.add(exchange.getRequestBody().readAllBytes());
            // An empty ExportTraceServiceResponse: everything taken.
            exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        Map<String, String> env = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", RealServers.kafkaBootstrapServers(),
                "MONGODB_URI", RealServers.mongoConnectionString(),
                // A database of its own, so a rerun against a shared server starts empty.
                "MONGODB_DATABASE", "e2e" + UUID.randomUUID().toString().substring(0, 8),
                "NEWSFLOW_API_KEY", API_KEY,
                // The per-article lines, so that the trace test finds each service's line about its article.
                "QUARKUS_LOG_CATEGORY__IO_NEWSFLOW__LEVEL", "DEBUG",
                // Spans exported to the collector above; without an endpoint nothing is exported.
                "NEWSFLOW_OTLP_ENDPOINT", "http://127.0.0.1:" + collector.getAddress().getPort(),
                "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "NEWSFLOW_STAGE_LAG_INTERVAL", "1s");
        Path logs = ROOT.resolve("system-tests/target/e2e-logs");
        ingest = ServiceProcess.start(ROOT, "ingest-service", env, logs);
        SERVICES.add(ingest);
        enrich = ServiceProcess.start(ROOT, "enrich-service", env, logs);
        SERVICES.add(enrich);
        publish = ServiceProcess.start(ROOT, "publish-service", env, logs);
        SERVICES.add(publish);
        SERVICES.forEach(s -> s.awaitReady(Duration.ofSeconds(120)));
    }

    @AfterAll
    static void stopTheSystem() {
        SERVICES.forEach(ServiceProcess::close);
        collector.stop(0);
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

    @Test
    void aPushsTraceparentReachesTheEnrichedRecordEveryServicesExportedSpansAndLogLinesAboutTheArticle()
            throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String article = "{\"title\":\"Traced " + traceId + "\",\"text\":\"A traced article, " + traceId
                + ".\",\"source\":\"test\",\"language\":\"en\"}";

        HttpResponse<String> pushed = ingest.post("/articles", API_KEY, "application/json", article,
                Map.of("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01"));
        assertEquals(202, pushed.statusCode(), pushed.body());
        JsonNode answer = EventJson.tree(pushed.body());
        String id = answer.get("id").asText();
        assertEquals(traceId, answer.get("traceId").asText(), "the push's answer names its trace");

        ConsumerRecord<String, String> enriched = new TopicProbe(RealServers.kafkaBootstrapServers())
                .first("articles-enriched", r -> id.equals(r.key()), Duration.ofSeconds(60));
        Header traceparent = enriched.headers().lastHeader("traceparent");
        assertNotNull(traceparent, "articles-enriched record without traceparent");
        assertEquals(traceId, new String(traceparent.value(), StandardCharsets.UTF_8).split("-")[1]);

        byte[] trace = HexFormat.of().parseHex(traceId);
        // Each service's export holds a span of its own in the trace: ingest's push request (the connector's producer
        // span too), enrich's and publish's per-article spans.
        Map<ServiceProcess, String> spanNames = Map.of(ingest, "POST /articles", enrich, "enrich article", publish,
                "store article");
        for (ServiceProcess service : List.of(ingest, enrich, publish)) {
            byte[] name = service.toString().getBytes(StandardCharsets.UTF_8);
            byte[] span = spanNames.get(service).getBytes(StandardCharsets.UTF_8);
            await(service + " exports its '" + spanNames.get(service) + "' span of trace " + traceId)
                    .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> EXPORTED.stream().anyMatch(spans -> contains(spans, name) && contains(spans, trace)
                            && contains(spans, span)));
            await(service + " logs a line about " + id).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500)).until(() -> service.logLines().stream()
                            .anyMatch(line -> line.contains(id) && line.contains(traceId)));
        }
    }

    @Test
    void everyFigureOfTheGrafanaDashboardIsOneTheRunningServicesExpose() throws Exception {
        JsonNode dashboard = EventJson.tree(Files.readString(
                ROOT.resolve("deploy/observability/grafana/dashboards/newsflow.json")));
        Set<String> named = new TreeSet<>();
        Pattern metric = Pattern.compile("\\b(?:newsflow|http_server|kafka)_[a-z_]+");
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                metric.matcher(target.path("expr").asText()).results().forEach(m -> named.add(m.group()));
            }
        }
        assertTrue(named.contains("newsflow_consumer_lag") && named.contains("newsflow_stage_articles_total"),
                named.toString());
        String article = "{\"title\":\"Measured " + UUID.randomUUID() + "\",\"text\":\"An article to count.\","
                + "\"source\":\"test\",\"language\":\"en\"}";
        assertEquals(202, ingest.post("/articles", API_KEY, "application/json", article).statusCode());

        await("every metric of the dashboard exposed").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    StringBuilder scraped = new StringBuilder();
                    for (ServiceProcess service : SERVICES) {
                        scraped.append(service.get("/q/metrics").body());
                    }
                    List<String> missing = named.stream()
                            .filter(name -> !Pattern.compile("(?m)^" + name + "[{ ]").matcher(scraped).find())
                            .toList();
                    assertEquals(List.of(), missing, "named by the dashboard, exposed by no service");
                });
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        // One char per byte: a byte sequence is found as the string of the same chars.
        return new String(haystack, StandardCharsets.ISO_8859_1)
                .contains(new String(needle, StandardCharsets.ISO_8859_1));
    }
}
