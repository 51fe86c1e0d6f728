package io.newsflow.benchmarks.pipeline;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

import org.bson.Document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;

import io.newsflow.benchmarks.pipeline.ArticleCorpus.Article;
import io.newsflow.benchmarks.pipeline.Pusher.Outcome;
import io.newsflow.benchmarks.pipeline.Pusher.Verdict;

/**
 * The whole pipeline under load, against a stack that already runs ({@code ./newsflow up -d}): distinct articles
 * pushed to ingest-service, each followed until publish-service stored it. See benchmarks/pipeline/README.md.
 *
 * <pre>
 * PipelineBenchmark [--label full-empty] [--scenarios json,ndjson,html,open-loop] [--count N] [--clients 8]
 *                   [--batch 100] [--rate 100] [--ingest http://localhost:8081] [--mongo mongodb://localhost:27017]
 *                   [--key K] [--eval-data ../shared/eval-data] [--repo DIR] [--seed 1] [--visible-timeout 600]
 *                   [--warmup N] [--out FILE]
 * PipelineBenchmark --preload N           pushes N briefs as fast as the stack takes them, waits until stored
 *                                        (their source: --source, default "bench")
 * PipelineBenchmark --compare a.json,b.json,... [--out combined.json]
 * </pre>
 * Exit status: 0, or 1 when the run failed, 2 for bad options, 3 when an accepted article never became visible.
 */
public final class PipelineBenchmark {

    private static final Set<String> OPTIONS = Set.of("label", "scenarios", "count", "clients", "batch", "rate",
            "ingest", "mongo", "key", "eval-data", "repo", "seed", "preload", "source", "compare", "out",
            "visible-timeout", "warmup");
    private static final Map<String, Integer> DEFAULT_COUNTS = Map.of("json", 20_000, "ndjson", 20_000,
            "html", 3_000, "open-loop", 3_000);
    private static final long RETRY_PAUSE_MILLIS = 250;
    // An article still not accepted after this long is given up and reported: the stack is down, not slow.
    private static final long GIVE_UP_MILLIS = 300_000;
    // Enough for 100/s even when answers take a second: the schedule must never wait for a free thread.
    private static final int OPEN_LOOP_THREADS = 128;
    private static final int PRELOAD_BATCH = 500;
    private static final int PRELOAD_CLIENTS = 8;
    private static final int PRELOAD_SAMPLE = 200;
    private static final int EXIT_LOST = 3;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The figures of one scenario, as written to the results file. Latencies in ms, rates per second. */
    record ScenarioResult(String scenario, int articles, long accepted, long notNew, long nearDuplicates,
            long retries, long uncertain, long serverErrors, long abandoned, double pushSeconds,
            double acceptedPerSecond, long visible, long lost, double endToEndSeconds, double endToEndPerSecond,
            Percentiles ackLatencyMs, Percentiles visibleLatencyMs) {
    }

    record Report(String label, String startedAt, Map<String, Object> settings, List<ScenarioResult> scenarios) {
    }

    /** One article pushed and accepted, for the preload's sample. */
    private record Pushed(String id, long pushedAt) {
    }

    /** One push of an article, repeated until it gets a definitive answer. */
    private interface Attempt {
        Outcome push() throws InterruptedException;
    }

    /** The work of a closed-loop client: one article, or one batch. */
    private interface Unit {
        void push(int index) throws InterruptedException;
    }

    private interface Body {
        void run() throws InterruptedException;
    }

    private final Args args;
    private final Path repo;
    private final String label;
    private final int clients;
    private final int batch;
    private final int rate;
    private final long seed;
    private final Duration visibleTimeout;
    private final int warmup;
    // Part of every address, so that a second run against the same store pushes new articles, not re-pushes.
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private final ArticleCorpus corpus;
    private final Pusher pusher;
    private final MongoClient mongo;
    private final MongoCollection<Document> articles;

    private PipelineBenchmark(Args args) throws Exception {
        this.args = args;
        this.repo = args.repo();
        this.label = args.get("label", "run");
        this.clients = args.integer("clients", 8);
        this.batch = args.integer("batch", 100);
        this.rate = args.integer("rate", 100);
        this.seed = args.number("seed", 1);
        this.visibleTimeout = Duration.ofSeconds(args.number("visible-timeout", 600));
        this.warmup = args.integer("warmup", 0);
        if (clients < 1 || batch < 1 || rate < 1) {
            throw new IllegalArgumentException("--clients, --batch and --rate must be at least 1");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--warmup must not be negative");
        }
        this.corpus = ArticleCorpus.load(repo, args.evalData(repo));
        this.pusher = new Pusher(args.get("ingest", "http://localhost:8081"), args.apiKey(repo));
        this.mongo = Visibility.connect(args.get("mongo", "mongodb://localhost:27017"));
        this.articles = Visibility.articles(mongo);
    }

    public static void main(String[] argv) {
        Args.runAndExit("PipelineBenchmark", argv, OPTIONS,
                args -> args.has("compare") ? compare(args) : new PipelineBenchmark(args).run());
    }

    private int run() throws Exception {
        try (MongoClient client = mongo) {
            if (args.has("preload")) {
                return preload(args.integer("preload", 0), args.get("source", "bench"));
            }
            List<String> scenarios = Arrays.stream(args.get("scenarios", "json,ndjson,html,open-loop").split(","))
                    .map(String::strip).toList();
            for (String scenario : scenarios) {
                if (!DEFAULT_COUNTS.containsKey(scenario)) {
                    throw new IllegalArgumentException("Unknown scenario " + scenario
                            + "; the scenarios are json, ndjson, html, open-loop");
                }
            }
            String startedAt = Instant.now().toString();
            System.out.printf("Pipeline benchmark %s: texts from %s%n", label, corpus.describe());
            List<ScenarioResult> results = new ArrayList<>();
            // Not in the report, but an article lost or refused during a warm-up is lost or refused all the same.
            List<ScenarioResult> pushed = new ArrayList<>();
            for (String scenario : scenarios) {
                if (warmup > 0) {
                    pushed.add(scenario(scenario, warmup, true));
                }
                results.add(scenario(scenario, args.integer("count", DEFAULT_COUNTS.get(scenario)), false));
            }
            pushed.addAll(results);
            Report report = new Report(label, startedAt, settings(), results);
            Path out = args.has("out") ? Path.of(args.get("out", "")) : repo.resolve("benchmarks/pipeline/results")
                    .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-" + label
                            + ".json");
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            JSON.writeValue(out.toFile(), report);
            System.out.println();
            JsonNode tree = JSON.valueToTree(report);
            System.out.print(new Comparison(List.of(tree)).table());
            System.out.println("\nFigures written to " + out);
            long lost = pushed.stream().mapToLong(ScenarioResult::lost).sum();
            long abandoned = pushed.stream().mapToLong(ScenarioResult::abandoned).sum();
            if (abandoned > 0) {
                System.out.printf("%nWARNING: %d articles were never accepted: the stack kept refusing them%n",
                        abandoned);
            }
            if (lost > 0) {
                System.out.printf("%n*** LOST: %d accepted articles never became visible (see each scenario) ***%n",
                        lost);
                return EXIT_LOST;
            }
            return 0;
        }
    }

    /**
     * Pushes {@code count} articles of the scenario and follows them until stored. A warm-up run pushes other
     * articles (its own addresses and texts) the same way and is only reported on the console: each scenario takes
     * its own branches through the services (single pushes decided in small groups, Kafka polls of a few records,
     * pages extracted), and after a warm-up of another shape the JIT spends a minute or more recompiling for them,
     * which the figures would otherwise measure.
     */
    private ScenarioResult scenario(String name, int count, boolean warmUp) throws Exception {
        String part = warmUp ? name + "-warm-up" : name;
        ArticleCorpus.Series series = corpus.series("https://bench.newsflow.test/" + runId + "-" + part + "/",
                "bench", part, seed);
        if (name.equals("html")) {
            corpus.preparePages();
            System.out.printf("Pages: %s%n", corpus.describe());
        }
        String how = switch (name) {
            case "ndjson" -> clients + " clients, batches of " + batch;
            case "open-loop" -> rate + " per second, on schedule";
            default -> clients + " clients";
        };
        String shown = warmUp ? name + " warm-up" : name;
        System.out.printf("%n== %s: %d articles, %s%n", warmUp ? shown + " (not measured)" : shown, count, how);
        long serverErrorsBefore = pusher.serverErrors();
        try (Visibility visibility = new Visibility(articles)) {
            Run run = new Run(name, count, visibility::expect, visibility::visible);
            try (Progress progress = new Progress(run::progress)) {
                switch (name) {
                    case "json" -> closedLoop(run, count, clients, i -> {
                        Article article = series.article(i);
                        pushOne(run, () -> pusher.pushJson(article), System.currentTimeMillis());
                    });
                    case "ndjson" -> closedLoop(run, (count + batch - 1) / batch, clients,
                            b -> pushBatch(run, series::article, b, batch, count));
                    case "html" -> closedLoop(run, count, clients, i -> {
                        ArticleCorpus.Page page = series.page(i);
                        pushOne(run, () -> pusher.pushPage(page), System.currentTimeMillis());
                    });
                    default -> openLoop(run, series, count);
                }
                run.pushingDone();
                if (!visibility.await(visibleTimeout)) {
                    List<String> missing = visibility.missing();
                    System.out.printf("%n*** LOST in %s: %d accepted articles not visible after %d s, e.g. %s ***%n%n",
                            shown, missing.size(), visibleTimeout.toSeconds(),
                            missing.subList(0, Math.min(10, missing.size())));
                }
            }
            ScenarioResult result = run.result(visibility.summary(), pusher.serverErrors() - serverErrorsBefore);
            System.out.printf(Locale.ROOT, "== %s: %d accepted in %.1f s (%.1f/s), visible end to end at %.1f/s, "
                    + "p50 %d ms, p99 %d ms%n", shown, result.accepted(),
                    result.pushSeconds(),
                    result.acceptedPerSecond(), result.endToEndPerSecond(), result.visibleLatencyMs().p50(),
                    result.visibleLatencyMs().p99());
            return result;
        }
    }

    /**
     * Fills the store through the real code path: briefs in NDJSON batches from several clients, as fast as the
     * stack takes them; then waits until a sample (the last accepted, and some spread over the rest) is stored.
     */
    private int preload(int count, String source) throws Exception {
        if (count < 1) {
            throw new IllegalArgumentException("--preload needs a number of articles");
        }
        ArticleCorpus.Series series = corpus.series("https://bench.newsflow.test/" + runId + "-preload/", source,
                "preload", seed);
        List<Pushed> accepted = Collections.synchronizedList(new ArrayList<>());
        Run run = new Run("preload", count, (id, at) -> accepted.add(new Pushed(id, at)), () -> 0);
        System.out.printf("Preloading %d articles (batches of %d, %d clients)%n", count, PRELOAD_BATCH,
                PRELOAD_CLIENTS);
        try (Progress progress = new Progress(run::progress)) {
            closedLoop(run, (count + PRELOAD_BATCH - 1) / PRELOAD_BATCH, PRELOAD_CLIENTS,
                    b -> pushBatch(run, series::brief, b, PRELOAD_BATCH, count));
        }
        run.pushingDone();
        List<Pushed> sample;
        synchronized (accepted) {
            sample = sample(new ArrayList<>(accepted), PRELOAD_SAMPLE);
        }
        try (Visibility visibility = new Visibility(articles);
                Progress progress = new Progress(() -> "  preload  sample stored " + visibility.visible() + "/"
                        + sample.size())) {
            sample.forEach(p -> visibility.expect(p.id(), p.pushedAt()));
            boolean all = visibility.await(visibleTimeout);
            ScenarioResult result = run.result(visibility.summary(), 0);
            System.out.printf(Locale.ROOT, "Preload: %d accepted in %.1f s (%.1f/s); the sample of %d stored by "
                    + "%.1f s after the start (about %.1f/s end to end)%n", result.accepted(), result.pushSeconds(),
                    result.acceptedPerSecond(), sample.size(), result.endToEndSeconds(),
                    result.endToEndSeconds() == 0 ? 0 : result.accepted() / result.endToEndSeconds());
            if (!all) {
                List<String> missing = visibility.missing();
                System.out.printf("*** LOST: %d of the sample not stored after %d s, e.g. %s ***%n", missing.size(),
                        visibleTimeout.toSeconds(), missing.subList(0, Math.min(10, missing.size())));
                return EXIT_LOST;
            }
            return 0;
        }
    }

    /** The last accepted half, and the other half spread evenly over the rest. */
    private static List<Pushed> sample(List<Pushed> accepted, int size) {
        if (accepted.size() <= size) {
            return accepted;
        }
        List<Pushed> sample = new ArrayList<>(accepted.subList(accepted.size() - size / 2, accepted.size()));
        int spread = size - sample.size();
        int rest = accepted.size() - sample.size();
        for (int k = 0; k < spread; k++) {
            sample.add(accepted.get((int) ((long) k * rest / spread)));
        }
        return sample;
    }

    /** {@code clients} threads, each pushing the next unit as soon as its previous one was answered. */
    private static void closedLoop(Run run, int units, int clients, Unit unit) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients, Visibility.daemon(run.scenario));
        for (int c = 0; c < clients; c++) {
            pool.execute(() -> run.guarded(() -> {
                for (int i = next.getAndIncrement(); i < units
                        && run.failure.get() == null; i = next.getAndIncrement()) {
                    unit.push(i);
                }
            }));
        }
        pool.shutdown();
        pool.awaitTermination(365, TimeUnit.DAYS);
        run.rethrowFailure();
    }

    /**
     * Single JSON articles sent on a fixed schedule, whatever the answers, each on a thread of its own pool. The
     * latency of each runs from its scheduled time, not from when a thread got to it: a stack that falls behind
     * shows as growing latency instead of silently slowing the load (no coordinated omission).
     */
    private void openLoop(Run run, ArticleCorpus.Series series, int count) throws InterruptedException {
        ExecutorService senders = Executors.newFixedThreadPool(OPEN_LOOP_THREADS, Visibility.daemon("open-loop"));
        long startNanos = System.nanoTime();
        long startMillis = System.currentTimeMillis();
        double periodNanos = 1e9 / rate;
        try {
            for (int i = 0; i < count && run.failure.get() == null; i++) {
                long offsetNanos = (long) (i * periodNanos);
                for (long wait = startNanos + offsetNanos - System.nanoTime(); wait > 0; wait = startNanos + offsetNanos
                        - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                    if (Thread.interrupted()) {
                        throw new InterruptedException();
                    }
                }
                long scheduledAt = startMillis + offsetNanos / 1_000_000;
                int index = i;
                senders.execute(() -> run.guarded(() -> {
                    Article article = series.article(index);
                    pushOne(run, () -> pusher.pushJson(article), scheduledAt);
                }));
            }
        } finally {
            senders.shutdown();
        }
        senders.awaitTermination(365, TimeUnit.DAYS);
        run.rethrowFailure();
    }

    /** Pushes one article until it gets a definitive answer, pausing between tries. */
    private static void pushOne(Run run, Attempt attempt, long pushedAt) throws InterruptedException {
        run.pushed.incrementAndGet();
        boolean uncertain = false;
        while (true) {
            Outcome outcome = attempt.push();
            if (!run.count(outcome, uncertain, pushedAt)) {
                return;
            }
            uncertain |= outcome.verdict() == Verdict.UNCERTAIN;
            if (System.currentTimeMillis() - pushedAt > GIVE_UP_MILLIS) {
                run.abandoned.incrementAndGet();
                return;
            }
            Thread.sleep(RETRY_PAUSE_MILLIS);
        }
    }

    /** Pushes one NDJSON batch, then again the lines that were not accepted, until each has a definitive answer. */
    private void pushBatch(Run run, IntFunction<Article> articleAt, int batchIndex, int batchSize, int count)
            throws InterruptedException {
        List<Article> remaining = new ArrayList<>(batchSize);
        for (int i = batchIndex * batchSize; i < Math.min(count, (batchIndex + 1) * batchSize); i++) {
            remaining.add(articleAt.apply(i));
        }
        long pushedAt = System.currentTimeMillis();
        run.pushed.addAndGet(remaining.size());
        Set<String> uncertain = new HashSet<>();
        while (!remaining.isEmpty()) {
            List<Outcome> outcomes = pusher.pushBatch(remaining);
            List<Article> again = new ArrayList<>();
            for (int k = 0; k < remaining.size(); k++) {
                Article article = remaining.get(k);
                Outcome outcome = outcomes.get(k);
                if (run.count(outcome, uncertain.contains(article.url()), pushedAt)) {
                    again.add(article);
                    if (outcome.verdict() == Verdict.UNCERTAIN) {
                        uncertain.add(article.url());
                    }
                }
            }
            if (!again.isEmpty() && System.currentTimeMillis() - pushedAt > GIVE_UP_MILLIS) {
                run.abandoned.addAndGet(again.size());
                return;
            }
            remaining = again;
            if (!remaining.isEmpty()) {
                Thread.sleep(RETRY_PAUSE_MILLIS);
            }
        }
    }

    private Map<String, Object> settings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("clients", clients);
        settings.put("batch", batch);
        settings.put("rate", rate);
        settings.put("seed", seed);
        settings.put("warmupPerScenario", warmup);
        settings.put("runId", runId);
        settings.put("ingest", args.get("ingest", "http://localhost:8081"));
        settings.put("mongo", args.get("mongo", "mongodb://localhost:27017"));
        settings.put("visibleTimeoutSeconds", visibleTimeout.toSeconds());
        settings.put("corpus", corpus.describe());
        settings.put("processors", Runtime.getRuntime().availableProcessors());
        settings.put("java", System.getProperty("java.version"));
        return settings;
    }

    private static int compare(Args args) throws Exception {
        List<JsonNode> reports = new ArrayList<>();
        for (String file : args.get("compare", "").split(",")) {
            if (!file.isBlank()) {
                reports.add(JSON.readTree(Path.of(file.strip()).toFile()));
            }
        }
        if (reports.isEmpty()) {
            throw new IllegalArgumentException("--compare needs result files, comma-separated");
        }
        Comparison comparison = new Comparison(reports);
        System.out.println("Each figure, and in brackets its ratio to the first run's:");
        System.out.print(comparison.table());
        String pairs = comparison.pairTable();
        if (!pairs.isEmpty()) {
            System.out.println("\nRatios between runs that differ in one thing only:");
            System.out.print(pairs);
        }
        if (args.has("out")) {
            Path out = Path.of(args.get("out", ""));
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            JSON.writeValue(out.toFile(), comparison.combined(JSON));
        }
        return 0;
    }

    /** The counters of one scenario, shared by its client threads. */
    private static final class Run {

        final String scenario;
        final int articles;
        final AtomicInteger pushed = new AtomicInteger();
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong notNew = new AtomicLong();
        final AtomicLong nearDuplicates = new AtomicLong();
        final AtomicLong retries = new AtomicLong();
        final AtomicLong uncertain = new AtomicLong();
        final AtomicLong abandoned = new AtomicLong();
        final AtomicReference<RuntimeException> failure = new AtomicReference<>();
        final long startedAt = System.currentTimeMillis();
        private final AtomicLong lastAnswerAt = new AtomicLong(startedAt);
        private final Percentiles.Recorder ackLatencies = new Percentiles.Recorder();
        private final BiConsumer<String, Long> onAccepted;
        private final IntSupplier visible;
        private final Progress.Rate acceptedRate = new Progress.Rate();
        private final Progress.Rate visibleRate = new Progress.Rate();
        private volatile boolean pushing = true;

        Run(String scenario, int articles, BiConsumer<String, Long> onAccepted, IntSupplier visible) {
            this.scenario = scenario;
            this.articles = articles;
            this.onAccepted = onAccepted;
            this.visible = visible;
        }

        /**
         * Counts a verdict; returns whether the article must be pushed again. "Unchanged" after a push without answer
         * means that push got it in: it counts as accepted, at the first push's time.
         */
        boolean count(Outcome outcome, boolean uncertainBefore, long pushedAt) {
            long now = System.currentTimeMillis();
            lastAnswerAt.accumulateAndGet(now, Math::max);
            switch (outcome.verdict()) {
                case ACCEPTED -> accepted(outcome.id(), pushedAt, now);
                case UNCHANGED -> {
                    if (uncertainBefore) {
                        accepted(outcome.id(), pushedAt, now);
                    } else {
                        notNew.incrementAndGet();
                    }
                }
                case DUPLICATE -> nearDuplicates.incrementAndGet();
                case RETRY -> {
                    retries.incrementAndGet();
                    return true;
                }
                case UNCERTAIN -> {
                    uncertain.incrementAndGet();
                    return true;
                }
            }
            return false;
        }

        private void accepted(String id, long pushedAt, long now) {
            accepted.incrementAndGet();
            ackLatencies.add(now - pushedAt);
            onAccepted.accept(id, pushedAt);
        }

        void pushingDone() {
            pushing = false;
        }

        /** Runs a client's work; a failure stops every client of the run and is rethrown by the run. */
        void guarded(Body body) {
            try {
                body.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        }

        void rethrowFailure() {
            RuntimeException e = failure.get();
            if (e != null) {
                throw e;
            }
        }

        String progress() {
            String line = String.format(Locale.ROOT, "  %-9s pushed %d/%d  accepted %d  visible %d  now %.1f "
                    + "accepted/s, %.1f visible/s", scenario, pushed.get(), articles, accepted.get(),
                    visible.getAsInt(), acceptedRate.of(accepted.get()), visibleRate.of(visible.getAsInt()));
            if (retries.get() + uncertain.get() + nearDuplicates.get() > 0) {
                line += String.format("  (%d retries, %d without answer, %d copies dropped)", retries.get(),
                        uncertain.get(), nearDuplicates.get());
            }
            return pushing ? line : line + "  [waiting until stored]";
        }

        ScenarioResult result(Visibility.Summary seen, long serverErrors) {
            double pushSeconds = Math.max(1, lastAnswerAt.get() - startedAt) / 1000.0;
            double endToEndSeconds = seen.visible() == 0 ? 0 : Math.max(1, seen.lastStoredAt() - startedAt) / 1000.0;
            // Visible rather than accepted: the same when nothing is lost, and honest when something is.
            double endToEndRate = endToEndSeconds == 0 ? 0 : seen.visible() / endToEndSeconds;
            return new ScenarioResult(scenario, articles, accepted.get(), notNew.get(), nearDuplicates.get(),
                    retries.get(), uncertain.get(), serverErrors, abandoned.get(), round(pushSeconds),
                    round(accepted.get() / pushSeconds), seen.visible(), seen.missing(), round(endToEndSeconds),
                    round(endToEndRate), ackLatencies.percentiles(), seen.latencyMs());
        }

        private static double round(double value) {
            return Math.round(value * 100) / 100.0;
        }
    }
}
