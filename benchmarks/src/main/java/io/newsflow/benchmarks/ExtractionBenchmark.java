package io.newsflow.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.extraction.HtmlArticleExtractor;
import io.newsflow.extraction.HtmlExtraction;

/**
 * HTML article extraction throughput on the shared evaluation pages, one thread. Each call extracts the next page in
 * turn, so the score is pages per second averaged over the whole set, big pages and small. The pages are read and
 * unzipped once in setup: only parsing and extraction are measured.
 * <p>
 * The set is {@code -Dnewsflow.eval.dir}, a path relative to the repository root (the nearest directory up from the
 * working directory that holds {@code mvnw}) unless absolute, by default
 * {@code ../shared/eval-data/article-extraction}. Forks inherit the property from the command line.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(1)
@Threads(1)
public class ExtractionBenchmark {

    static final String EVAL_DIR_PROPERTY = "newsflow.eval.dir";
    private static final String DEFAULT_EVAL_DIR = "../shared/eval-data/article-extraction";
    private static final ZoneId ZONE = ZoneOffset.UTC;

    private record Page(String html, String url) {
    }

    private final HtmlArticleExtractor extractor = new HtmlArticleExtractor();
    private List<Page> pages;
    private int next;

    /** Runs the benchmark when the pages are there, and says why it does not otherwise. */
    public static void main(String[] args) throws RunnerException {
        Path dir = evaluationDirectory();
        if (!Files.isRegularFile(dir.resolve("ground-truth.json"))) {
            System.out.println(skipMessage(dir));
            return;
        }
        new Runner(new OptionsBuilder().include(ExtractionBenchmark.class.getSimpleName()).build()).run();
    }

    @Setup(Level.Trial)
    public void loadPages() throws IOException {
        Path dir = evaluationDirectory();
        if (!Files.isRegularFile(dir.resolve("ground-truth.json"))) {
            // JMH has no way to skip a benchmark from setup: failing it with the reason is the nearest thing.
            throw new IllegalStateException(skipMessage(dir));
        }
        JsonNode gold = new ObjectMapper().readTree(dir.resolve("ground-truth.json").toFile());
        pages = new ArrayList<>();
        for (Map.Entry<String, JsonNode> page : gold.properties()) {
            pages.add(new Page(gunzip(dir.resolve("html").resolve(page.getKey() + ".html.gz")),
                    page.getValue().path("url").asText(null)));
        }
    }

    @Benchmark
    public HtmlExtraction extractNextPage() {
        Page page = pages.get(next);
        next = (next + 1) % pages.size();
        return extractor.extract(page.html(), page.url(), ZONE);
    }

    static Path evaluationDirectory() {
        Path configured = Path.of(System.getProperty(EVAL_DIR_PROPERTY, DEFAULT_EVAL_DIR));
        return configured.isAbsolute() ? configured : repositoryRoot().resolve(configured).normalize();
    }

    private static Path repositoryRoot() {
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir = cwd; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir;
            }
        }
        return cwd;
    }

    private static String skipMessage(Path dir) {
        return "ExtractionBenchmark skipped: no evaluation pages at " + dir + " (expected ground-truth.json and "
                + "html/*.html.gz there); set -D" + EVAL_DIR_PROPERTY + "=<dir>.";
    }

    private static String gunzip(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read evaluation page " + file, e);
        }
    }
}
