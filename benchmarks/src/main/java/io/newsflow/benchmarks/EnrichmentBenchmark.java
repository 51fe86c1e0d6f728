package io.newsflow.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.newsflow.contract.Enrichment;
import io.newsflow.enrichment.ArticleEnricher;
import io.newsflow.enrichment.EnrichmentSettings;
import io.newsflow.enrichment.StepListener;

/**
 * The whole enrichment of one article (language, keywords, entities, categories, summary, statistics), one thread, in
 * a 512 MB heap: the sample article, or each WikiNews document in turn (from ../shared/eval-data, when present).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m", "-Xms512m"})
@Threads(1)
public class EnrichmentBenchmark {

    private record Doc(String title, String text) {
    }

    @Param({"sample", "wikinews"})
    public String corpus;

    private List<Doc> docs;
    private int next;
    private ArticleEnricher enricher;

    @Setup(Level.Trial)
    public void load() throws IOException {
        enricher = ArticleEnricher.standard(EnrichmentSettings.DEFAULTS, StepListener.NONE);
        Path root = Roots.repository();
        docs = new ArrayList<>();
        if (corpus.equals("sample")) {
            var facts = new ObjectMapper().readTree(root.resolve(
                    "samples/bladi-maroc-israel-cooperation-militaire.expected.json").toFile()).get("extraction");
            docs.add(new Doc(facts.get("title").asText(), facts.get("text").asText()));
        } else {
            Path dir = root.resolve("../shared/eval-data/keywords/WikiNews/docsutf8").normalize();
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException(
                        dir + " is missing: the WikiNews benchmark needs ../shared beside the clone");
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.sorted().toList()) {
                    String content = Files.readString(file, StandardCharsets.UTF_8).strip();
                    int cut = content.indexOf('\n');
                    docs.add(new Doc(content.substring(0, Math.max(cut, 0)), content.substring(cut + 1)));
                }
            }
        }
    }

    @Benchmark
    public Enrichment enrichOneArticle() {
        Doc doc = docs.get(next);
        next = (next + 1) % docs.size();
        return enricher.enrich(doc.title(), doc.text(), null);
    }
}
