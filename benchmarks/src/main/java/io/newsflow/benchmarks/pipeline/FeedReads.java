package io.newsflow.benchmarks.pipeline;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What reading the feed costs: the requests a reader, a feed reader or an API client sends to publish-service, each
 * timed from request to the last byte of its answer. Used by {@code benchmarks/pipeline/read-cost}, which runs it on a
 * small store and on a large one, so that a read whose cost grows with the history shows as a ratio.
 *
 * <p>
 * Reads, each repeated {@code --repeat} times (default 20) after one unmeasured: the first page of
 * {@code GET /articles?limit=100}, the RSS, Atom and JSON feeds, the first page of one language, the first page of
 * a source with a few old articles ({@value #SELDOM_SOURCE}, which read-cost stores first); then up to
 * {@code --pages} pages (default 50) followed by their cursors from the newest. Prints each read's percentiles and
 * writes them to {@code --out} as JSON.
 *
 * <p>
 * Options: {@code --publish http://localhost:8083 --label small --pages 50 --repeat 20 --out file.json}, and
 * {@code --restarts mongodb=1300,publish-service=5000} (restart times the caller measured, kept with the figures) and
 * {@code --compare earlier.json} (prints both runs side by side).
 */
public final class FeedReads {

    /** The source of the few articles read-cost stores first. */
    static final String SELDOM_SOURCE = "Seldom Seen Gazette";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String publish;

    private FeedReads(String publish) {
        this.publish = publish.endsWith("/") ? publish.substring(0, publish.length() - 1) : publish;
    }

    /**
     * The figures of one run, as written to the results file; latencies in ms. {@code restartMs}: how long each
     * component took to answer again after a restart just before (measured by the caller, {@code --restarts}).
     */
    record Report(String label, Map<String, Long> restartMs, Map<String, Percentiles> reads) {
    }

    public static void main(String[] argv) throws Exception {
        Args options = Args.parse(argv, Set.of("publish", "label", "pages", "repeat", "out", "restarts", "compare"));
        FeedReads reads = new FeedReads(options.get("publish", "http://localhost:8083"));
        int repeat = options.integer("repeat", 20);
        int pages = options.integer("pages", 50);
        Map<String, Percentiles> figures = new LinkedHashMap<>();
        figures.put("first page of 100", reads.repeated("/articles?limit=100", repeat));
        figures.put("RSS feed", reads.repeated("/feed.rss", repeat));
        figures.put("Atom feed", reads.repeated("/feed.atom", repeat));
        figures.put("JSON Feed", reads.repeated("/feed.json", repeat));
        figures.put("first page of one language", reads.repeated("/articles?limit=100&language=en", repeat));
        // read-cost stores a few articles of this source before all the others: the oldest, found at the far end
        // of the feed's order unless the source's own index answers.
        figures.put("first page of a seldom source",
                reads.repeated("/articles?limit=100&source=" + URLEncoder.encode(SELDOM_SOURCE, StandardCharsets.UTF_8),
                        repeat));
        figures.put("pages by cursor", reads.paged(pages));
        Map<String, Long> restarts = new LinkedHashMap<>();
        for (String restart : options.get("restarts", "").split(",")) {
            String[] nameAndMillis = restart.split("=");
            if (nameAndMillis.length == 2) {
                restarts.put(nameAndMillis[0].strip(), Long.parseLong(nameAndMillis[1].strip()));
            } else if (!restart.isBlank()) {
                throw new IllegalArgumentException("--restarts is name=ms,name=ms, not " + restart);
            }
        }
        Report report = new Report(options.get("label", "reads"), restarts, figures);
        System.out.printf("%-28s %6s %8s %8s %8s%n", report.label() + ": read", "count", "p50 ms", "p99 ms", "max ms");
        figures.forEach((name, p) -> System.out.printf("%-28s %6d %8d %8d %8d%n", name, p.count(), p.p50(), p.p99(),
                p.max()));
        if (options.has("compare")) {
            compare(JSON.readValue(Path.of(options.get("compare", "")).toFile(), Report.class), report);
        }
        if (options.has("out")) {
            Files.writeString(Path.of(options.get("out", "")), JSON.writeValueAsString(report));
        }
    }

    /** Both runs side by side, and the ratio of the medians: what the reads of the second cost against the first. */
    private static void compare(Report before, Report after) {
        System.out.printf("%nReads, p50 / p99 ms: %s -> %s (ratio of the p50s)%n", before.label(), after.label());
        after.restartMs().forEach((name, ms) -> {
            Long b = before.restartMs().get(name);
            if (b != null) {
                System.out.printf("  %-28s %5d ms -> %5d ms  (x%.2f)%n", "restart of " + name, b, ms,
                        ms / (double) Math.max(1, b));
            }
        });
        after.reads().forEach((name, p) -> {
            Percentiles b = before.reads().get(name);
            if (b != null) {
                System.out.printf("  %-28s %5d / %-5d -> %5d / %-5d  (x%.2f)%n", name, b.p50(), b.p99(), p.p50(),
                        p.p99(), p.p50() / (double) Math.max(1, b.p50()));
            }
        });
    }

    private Percentiles repeated(String path, int repeat) throws IOException, InterruptedException {
        get(path);
        long[] times = new long[repeat];
        for (int i = 0; i < repeat; i++) {
            long started = System.nanoTime();
            get(path);
            times[i] = (System.nanoTime() - started) / 1_000_000;
        }
        return Percentiles.of(times);
    }

    private Percentiles paged(int pages) throws IOException, InterruptedException {
        Percentiles.Recorder times = new Percentiles.Recorder();
        String cursor = null;
        for (int i = 0; i < pages; i++) {
            long started = System.nanoTime();
            String body = get("/articles?limit=100" + (cursor == null ? "" : "&cursor=" + cursor));
            times.add((System.nanoTime() - started) / 1_000_000);
            JsonNode next = JSON.readTree(body).get("next");
            if (next == null || next.isNull()) {
                break;
            }
            cursor = next.asText();
        }
        return times.percentiles();
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(publish + path)).timeout(Duration.ofMinutes(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
