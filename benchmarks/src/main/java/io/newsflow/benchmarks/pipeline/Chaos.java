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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.client.MongoClient;

import io.newsflow.benchmarks.pipeline.ArticleCorpus.Article;
import io.newsflow.benchmarks.pipeline.Pusher.Outcome;

/**
 * Reliability under crashes, against a stack started by {@code ./newsflow up -d} (see benchmarks/chaos/README.md).
 * Single JSON articles stream in at a steady rate for the whole run while each component in turn is killed with
 * {@code kill -9} and restarted with {@code ./newsflow start <name>}. Then every article the stack accepted must be
 * stored once, with revision 1, and served; none may be lost or duplicated.
 * <p>
 * An article counts as accepted on a 202, or on a 200 "unchanged" (a push whose answer was lost had got it in). A 503
 * or a refused connection means not accepted: the same content is pushed again a second later. A push without an
 * answer (timeout, connection lost mid-request) may or may not have been accepted: it is pushed again too, until a
 * definitive answer tells which, so each article is counted once, under its url.
 *
 * <pre>
 * Chaos [--rate 20] [--pause 10] [--down 5] [--ingest http://localhost:8081] [--publish http://localhost:8083]
 *       [--mongo mongodb://localhost:27017] [--key K] [--repo DIR] [--eval-data DIR] [--seed 1]
 *       [--resolve-timeout 180] [--visible-timeout 600] [--restart-timeout 300] [--out FILE]
 * </pre>
 * Exit status: 0 when nothing was lost or duplicated, 1 otherwise or when the run failed, 2 for bad options.
 */
public final class Chaos {

    private static final Set<String> OPTIONS = Set.of("rate", "pause", "down", "ingest", "publish", "mongo", "key",
            "repo", "eval-data", "seed", "resolve-timeout", "visible-timeout", "restart-timeout", "out", "replicas",
            "brokers");
    private static final long RETRY_PAUSE_MILLIS = 1000;
    // During an outage each push may wait the whole 10 s timeout: enough threads that the stream still goes on.
    private static final int PUSH_THREADS = 64;
    private static final int SHOWN_IDS = 20;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** An article, and when it was first pushed. */
    /**
     * An article being pushed, how many times it was pushed without a definitive answer, and to which ingest-service
     * instance it goes next.
     */
    private record Tracked(Article article, long firstPushedAt, int failures, int target) {

        Tracked(Article article, long firstPushedAt, int target) {
            this(article, firstPushedAt, 0, target);
        }

        /** The next attempt goes to the next instance, as a publisher behind a load balancer would be sent. */
        Tracked failedAgain(int instances) {
            return new Tracked(article, firstPushedAt, failures + 1, (target + 1) % instances);
        }
    }

    /** An article as the feed of publish-service lists it. */
    private record FeedEntry(String id, String url, int revision) {
    }

    private final Path repo;
    private final Path home;
    private final Path out;
    private final int rate;
    private final int pauseSeconds;
    private final int downSeconds;
    private final Duration resolveTimeout;
    private final Duration visibleTimeout;
    private final long restartTimeoutSeconds;
    private final String urlBase = "https://chaos.newsflow.test/" + Long.toString(System.currentTimeMillis(), 36) + "/";
    private final ArticleCorpus.Series series;
    private final List<Pusher> pushers;
    private final int replicas;
    private final int brokers;
    /** What is killed, in order: one broker, MongoDB, and one instance of each service. */
    private final List<String> components;
    private final List<String> publishInstances = new ArrayList<>();
    private final String apiKey;
    private final HttpClient http = Pusher.newClient();
    private final String publish;
    private final MongoClient mongo;
    private final Visibility visibility;

    // Every article pushed stays here until a definitive answer; then it is accepted, a copy, or rejected.
    private final Map<String, Tracked> unresolved = new ConcurrentHashMap<>();
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    private final Set<String> copies = ConcurrentHashMap.newKeySet();
    private final Set<String> rejected = ConcurrentHashMap.newKeySet();
    private final AtomicInteger pushed = new AtomicInteger();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong noAnswers = new AtomicLong();
    private final AtomicLong acceptedAsUnchanged = new AtomicLong();
    private final AtomicLong idConflicts = new AtomicLong();
    private final ScheduledExecutorService clock = Executors
            .newSingleThreadScheduledExecutor(Visibility.daemon("clock"));
    private final ExecutorService pushPool = Executors.newFixedThreadPool(PUSH_THREADS, Visibility.daemon("push"));
    private volatile String phase = "starting";

    private Chaos(Args args) throws IOException {
        this.repo = args.repo();
        this.home = Args.home(repo);
        this.out = Path.of(args.get("out", repo.resolve("benchmarks/chaos/results/latest.json").toString()));
        this.rate = args.integer("rate", 20);
        this.pauseSeconds = args.integer("pause", 10);
        this.downSeconds = args.integer("down", 5);
        this.resolveTimeout = Duration.ofSeconds(args.number("resolve-timeout", 180));
        this.visibleTimeout = Duration.ofSeconds(args.number("visible-timeout", 600));
        this.restartTimeoutSeconds = args.number("restart-timeout", 300);
        if (rate < 1 || rate > 1000 || pauseSeconds < 0 || downSeconds < 0) {
            throw new IllegalArgumentException("--rate must be 1 to 1000, --pause and --down at least 0");
        }
        this.series = ArticleCorpus.load(repo, args.evalData(repo)).series(urlBase, "chaos", "chaos",
                args.number("seed", 1));
        this.replicas = args.integer("replicas", 1);
        this.brokers = args.integer("brokers", 1);
        this.apiKey = args.apiKey(repo);
        // Instance r of a service listens 10 × (r - 1) above the first one (./newsflow up --replicas).
        String ingest = args.get("ingest", "http://localhost:8081").replaceAll("/+$", "");
        this.publish = args.get("publish", "http://localhost:8083").replaceAll("/+$", "");
        List<Pusher> all = new ArrayList<>();
        for (int r = 0; r < replicas; r++) {
            all.add(new Pusher(shifted(ingest, 10 * r), apiKey));
            publishInstances.add(shifted(publish, 10 * r));
        }
        this.pushers = List.copyOf(all);
        String second = replicas > 1 ? "-2" : "";
        this.components = List.of(brokers > 1 ? "kafka-2" : "kafka", "mongodb", "ingest-service" + second,
                "enrich-service", "publish-service" + second);
        this.mongo = Visibility.connect(args.get("mongo", "mongodb://localhost:27017"));
        this.visibility = new Visibility(Visibility.articles(mongo));
    }

    /** The same address with its port moved by {@code by}. */
    private static String shifted(String base, int by) {
        URI uri = URI.create(base);
        return uri.getScheme() + "://" + uri.getHost() + ":" + (uri.getPort() + by);
    }

    public static void main(String[] argv) {
        Args.runAndExit("Chaos", argv, OPTIONS, args -> new Chaos(args).run());
    }

    private int run() throws Exception {
        String startedAt = Instant.now().toString();
        System.out.printf("Chaos test: %d articles/s; each component is killed after %d s of streaming and restarted "
                + "%d s later. State in %s%n", rate, pauseSeconds, downSeconds, home);
        if (replicas > 1 || brokers > 1) {
            System.out.printf("Topology: %d instances of each service, %d brokers; each article is pushed to every "
                    + "ingest-service instance at once; a live-stream client per publish-service instance; a webhook "
                    + "receiver. Killed in turn: %s%n", replicas, brokers, String.join(", ", components));
        }
        List<StreamWatcher> streams = new ArrayList<>();
        WebhookReceiver webhook = replicas > 1 ? new WebhookReceiver() : null;
        if (webhook != null) {
            webhook.register(publish, apiKey);
            // Every instance re-reads its list of webhooks at least every 5 s: articles stored before then by an
            // instance that has not yet seen the new webhook are not queued for it (publish-service README).
            Thread.sleep(6000);
            for (int r = 0; r < replicas; r++) {
                List<String> preferred = new ArrayList<>(publishInstances);
                Collections.rotate(preferred, -r);
                streams.add(new StreamWatcher(preferred));
            }
            await(() -> streams.stream().allMatch(StreamWatcher::connected), Duration.ofSeconds(30));
        }
        List<Map<String, Object>> crashes = new ArrayList<>();
        boolean resolved;
        boolean allVisible;
        long caughtUp = 0;
        try (MongoClient client = mongo;
                Visibility seen = visibility;
                Progress progress = new Progress(this::progress)) {
            phase = "streaming";
            ScheduledFuture<?> stream = clock.scheduleAtFixedRate(this::pushNew, 0, 1_000_000 / rate,
                    TimeUnit.MICROSECONDS);
            for (String component : components) {
                phase = "streaming";
                Thread.sleep(pauseSeconds * 1000L);
                crashes.add(crash(component));
            }
            phase = "streaming after the last restart";
            Thread.sleep(pauseSeconds * 1000L);
            stream.cancel(false);
            phase = "pushing again what has no definitive answer";
            resolved = await(unresolved::isEmpty, resolveTimeout);
            phase = "waiting until every accepted article is stored";
            allVisible = visibility.await(visibleTimeout);
            if (webhook != null) {
                phase = "waiting until every stream and the webhook receiver had every stored article";
                Set<String> expected = new HashSet<>(accepted.values());
                expected.removeAll(visibility.missing());
                // A backlog is not a loss: wait as long as deliveries keep arriving, and give up only after 60 s
                // without any (or 10 min in all).
                long allStoredAt = System.nanoTime();
                caughtUp = awaitWhileProgressing(
                        () -> streams.stream().allMatch(w -> w.received().keySet().containsAll(expected))
                                && webhook.requests().keySet().containsAll(expected),
                        () -> webhook.requests().size() + streams.stream().mapToLong(w -> w.received().size()).sum(),
                        Duration.ofSeconds(60), Duration.ofMinutes(10))
                                ? Duration.ofNanos(System.nanoTime() - allStoredAt).toMillis()
                                : -1;
            }
            phase = "checking";
        }
        clock.shutdownNow();
        pushPool.shutdownNow();

        List<String> lost = visibility.missing();
        Set<String> lostIds = new HashSet<>(lost);
        List<String> storedIds = accepted.values().stream().filter(id -> !lostIds.contains(id)).distinct().toList();
        List<String> notServed = notServed(storedIds);
        List<FeedEntry> feed = readFeed();

        Map<String, Integer> idCounts = new HashMap<>();
        Map<String, Integer> urlCounts = new HashMap<>();
        for (FeedEntry entry : feed) {
            idCounts.merge(entry.id(), 1, Integer::sum);
            if (entry.url() != null) {
                urlCounts.merge(entry.url(), 1, Integer::sum);
            }
        }
        List<String> duplicateIds = idCounts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey)
                .toList();
        List<String> duplicateUrls = urlCounts.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey).toList();
        List<FeedEntry> ours = feed.stream().filter(e -> e.url() != null && e.url().startsWith(urlBase)).toList();
        List<String> otherRevisions = ours.stream().filter(e -> e.revision() != 1)
                .map(e -> e.id() + " revision " + e.revision()).toList();
        Set<String> feedIds = new HashSet<>(idCounts.keySet());
        List<String> missingFromFeed = storedIds.stream().filter(id -> !feedIds.contains(id)).toList();
        // Stored though never acknowledged: fine for a push still without answer, a broken promise for anything else.
        List<String> storedUnacknowledged = ours.stream().map(FeedEntry::url).filter(u -> !accepted.containsKey(u))
                .toList();

        // Several instances: every stream client got every article once, and the receiver every article.
        Map<String, Object> instancesReport = new LinkedHashMap<>();
        boolean instancesPassed = true;
        if (webhook != null) {
            List<Map<String, Object>> streamReports = new ArrayList<>();
            for (int r = 0; r < streams.size(); r++) {
                StreamWatcher w = streams.get(r);
                List<String> missing = storedIds.stream().filter(id -> !w.received().containsKey(id)).toList();
                List<String> twice = w.received().entrySet().stream().filter(e -> e.getValue().get() > 1)
                        .map(Map.Entry::getKey).toList();
                instancesPassed &= missing.isEmpty() && twice.isEmpty();
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("connectedTo", publishInstances.get(r));
                one.put("received", w.received().size());
                one.put("missing", missing.size());
                one.put("missingIds", first(missing));
                one.put("receivedTwice", first(twice));
                one.put("reconnects", w.reconnects());
                streamReports.add(one);
                streams.get(r).close();
            }
            List<String> notDelivered = storedIds.stream().filter(id -> !webhook.requests().containsKey(id)).toList();
            List<String> twoDeliveries = webhook.deliveryIds().entrySet().stream().filter(e -> e.getValue().size() > 1)
                    .map(Map.Entry::getKey).toList();
            long redelivered = webhook.requests().values().stream().filter(n -> n.get() > 1).count();
            instancesPassed &= notDelivered.isEmpty() && twoDeliveries.isEmpty();
            webhook.close();
            instancesReport.put("replicas", replicas);
            instancesReport.put("brokers", brokers);
            instancesReport.put("streams", streamReports);
            instancesReport.put("webhookNotDelivered", notDelivered.size());
            instancesReport.put("webhookNotDeliveredIds", first(notDelivered));
            instancesReport.put("webhookTwoDeliveriesOfOneArticle", first(twoDeliveries));
            // The same delivery sent again: only when the instance attempting it died before recording the answer.
            instancesReport.put("webhookRedeliveredSameDeliveryId", redelivered);
            // How long after every accepted article was stored the streams and the receiver had them all (-1: never).
            instancesReport.put("caughtUpAfterStoredMs", caughtUp);
        }

        boolean restarts = crashes.stream().allMatch(c -> Boolean.TRUE.equals(c.get("restarted")));
        boolean passed = lost.isEmpty() && duplicateIds.isEmpty() && duplicateUrls.isEmpty()
                && otherRevisions.isEmpty() && notServed.isEmpty() && missingFromFeed.isEmpty() && rejected.isEmpty()
                && idConflicts.get() == 0 && unresolved.isEmpty() && restarts && instancesPassed;

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("startedAt", startedAt);
        report.put("settings", Map.of("rate", rate, "pauseSeconds", pauseSeconds, "downSeconds", downSeconds,
                "urlBase", urlBase, "home", home.toString()));
        report.put("crashes", crashes);
        report.put("pushed", pushed.get());
        report.put("accepted", accepted.size());
        report.put("acceptedAsUnchanged", acceptedAsUnchanged.get());
        report.put("retries", retries.get());
        report.put("pushesWithoutAnswer", noAnswers.get());
        report.put("serverErrors", pushers.stream().mapToLong(Pusher::serverErrors).sum());
        report.put("mongoLookupErrors", visibility.lookupErrors());
        report.put("copiesDropped", copies.size());
        report.put("rejected", rejected.size());
        report.put("unresolved", unresolved.size());
        report.put("idConflicts", idConflicts.get());
        report.put("stored", storedIds.size());
        report.put("lost", lost.size());
        report.put("lostIds", first(lost));
        report.put("notServed", notServed.size());
        report.put("notServedIds", first(notServed));
        report.put("feedArticles", feed.size());
        report.put("duplicateIds", first(duplicateIds));
        report.put("duplicateUrls", first(duplicateUrls));
        report.put("revisionsOtherThanOne", first(otherRevisions));
        report.put("missingFromFeed", first(missingFromFeed));
        report.put("storedUnacknowledged", first(storedUnacknowledged));
        report.put("visibleLatencyMs", visibility.summary().latencyMs());
        report.put("allResolved", resolved);
        report.put("allVisible", allVisible);
        if (!instancesReport.isEmpty()) {
            report.put("instances", instancesReport);
        }
        report.put("passed", passed);
        Files.createDirectories(out.toAbsolutePath().getParent());
        JSON.writeValue(out.toFile(), report);

        printSummary(crashes, lost, notServed, duplicateIds, duplicateUrls, otherRevisions, missingFromFeed,
                storedUnacknowledged, instancesReport, passed);
        System.out.println("Written to " + out);
        return passed ? 0 : 1;
    }

    /** At the steady rate: a new article, pushed on a pool thread so that a slow answer never delays the next. */
    private void pushNew() {
        try {
            Article article = series.article(pushed.getAndIncrement());
            long now = System.currentTimeMillis();
            unresolved.put(article.url(), new Tracked(article, now, 0));
            // With several ingest-service instances, the same article goes to all of them at once: they must agree
            // on one id and one revision.
            for (int r = 0; r < pushers.size(); r++) {
                Tracked tracked = new Tracked(article, now, r);
                pushPool.execute(() -> attempt(tracked));
            }
        } catch (RuntimeException e) {
            // An exception would cancel the schedule: say it and go on with the next article.
            System.out.println("  cannot push a new article: " + e);
        }
    }

    private void attempt(Tracked tracked) {
        String url = tracked.article().url();
        Outcome outcome;
        try {
            outcome = pushers.get(tracked.target()).pushJson(tracked.article());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Pusher.RejectedException e) {
            rejected.add(url);
            unresolved.remove(url);
            System.out.println("  REJECTED " + url + ": " + e.getMessage());
            return;
        }
        switch (outcome.verdict()) {
            case ACCEPTED, UNCHANGED -> {
                if (outcome.verdict() == Pusher.Verdict.UNCHANGED) {
                    acceptedAsUnchanged.incrementAndGet();
                }
                String before = accepted.putIfAbsent(url, outcome.id());
                if (before != null && !before.equals(outcome.id())) {
                    idConflicts.incrementAndGet();
                }
                visibility.expect(outcome.id(), tracked.firstPushedAt());
                unresolved.remove(url);
            }
            case DUPLICATE -> {
                copies.add(url);
                unresolved.remove(url);
            }
            case RETRY -> {
                retries.incrementAndGet();
                pushAgainLater(tracked);
            }
            case UNCERTAIN -> {
                noAnswers.incrementAndGet();
                pushAgainLater(tracked);
            }
        }
    }

    /**
     * Pushes again after a pause that doubles with each failure (1 s up to 16 s), as a well-behaved publisher does: a
     * fixed pause would have every waiting article hammer a restarting service at once.
     */
    private void pushAgainLater(Tracked tracked) {
        if (!unresolved.containsKey(tracked.article().url())) {
            return;
        }
        Tracked again = tracked.failedAgain(pushers.size());
        long pause = RETRY_PAUSE_MILLIS << Math.min(4, again.failures() - 1);
        clock.schedule(() -> pushPool.execute(() -> attempt(again)), pause, TimeUnit.MILLISECONDS);
    }

    /** Kills the component as a crash would, waits, and restarts it with the settings it had. */
    private Map<String, Object> crash(String component) throws Exception {
        long pid = Long.parseLong(Files.readString(home.resolve("pids").resolve(component + ".pid")).strip());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(
                component + " (pid " + pid + ") is not running"));
        // A pid file can outlive its process and the pid be reused: only a Java process can be one of ours.
        if (!process.info().command().map(command -> command.contains("java")).orElse(true)) {
            throw new IllegalStateException("pid " + pid + " of " + component + " is not a Java process: not killed");
        }
        Map<String, Object> crash = new LinkedHashMap<>();
        crash.put("component", component);
        crash.put("pid", pid);
        crash.put("killedAt", Instant.now().toString());
        phase = "kill -9 " + component;
        System.out.printf("  kill -9 %s (pid %d)%n", component, pid);
        // The broker runs in a child JVM of the pid recorded for kafka, which would shut it down cleanly on its
        // parent's exit: the child itself is killed first, so the broker crashes as a crashing machine's would.
        List<ProcessHandle> children = process.children().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        for (ProcessHandle child : children) {
            child.onExit().get(30, TimeUnit.SECONDS);
        }
        process.onExit().get(30, TimeUnit.SECONDS);
        phase = component + " down";
        Thread.sleep(downSeconds * 1000L);
        phase = "restarting " + component;
        long start = System.nanoTime();
        boolean restarted = restart(component);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "  %s %s in %.1f s%n", component, restarted ? "restarted" : "DID NOT RESTART",
                seconds);
        crash.put("restartSeconds", Math.round(seconds * 10) / 10.0);
        crash.put("restarted", restarted);
        return crash;
    }

    /** {@code ./newsflow start <name>}: starts that one component as {@code up} did, and waits until it is healthy. */
    private boolean restart(String component) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(repo.resolve("newsflow").toString(), "start", component)
                .directory(repo.toFile()).inheritIO();
        builder.environment().put("NEWSFLOW_HOME", home.toString());
        Process process = builder.start();
        if (!process.waitFor(restartTimeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return false;
        }
        return process.exitValue() == 0;
    }

    /** The stored articles that publish-service's {@code GET /articles/{id}} does not serve. */
    private List<String> notServed(List<String> ids) throws Exception {
        phase = "checking each stored article through GET /articles/{id}";
        ExecutorService pool = Executors.newFixedThreadPool(4, Visibility.daemon("served"));
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (String id : ids) {
                statuses.add(pool.submit(() -> status(URI.create(publish + "/articles/" + id))));
            }
            List<String> notServed = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                if (statuses.get(i).get() != 200) {
                    notServed.add(ids.get(i));
                }
            }
            return notServed;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every article of the feed, page after page, newest first. */
    private List<FeedEntry> readFeed() throws IOException, InterruptedException {
        List<FeedEntry> entries = new ArrayList<>();
        Set<String> cursors = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = getJson(URI.create(publish + "/articles?limit=100"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))));
            for (JsonNode article : page.path("articles")) {
                entries.add(new FeedEntry(article.path("id").asText(), article.path("url").asText(null),
                        article.path("revision").asInt()));
            }
            cursor = page.path("next").asText(null);
            if (cursor != null && !cursors.add(cursor)) {
                throw new IllegalStateException("The feed's cursor came back a second time: " + cursor);
            }
        } while (cursor != null);
        return entries;
    }

    /** The status of a GET, tried three times when there is no answer; -1 when there never is. */
    private int status(URI uri) throws InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                return http.send(HttpRequest.newBuilder(uri).timeout(Pusher.TIMEOUT).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                if (attempt == 3) {
                    return -1;
                }
                Thread.sleep(1000);
            }
        }
    }

    private JsonNode getJson(URI uri) throws IOException, InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Pusher.TIMEOUT).GET()
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("GET " + uri + " answered " + response.statusCode());
                }
                return JSON.readTree(response.body());
            } catch (IOException e) {
                if (attempt == 3) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    /** Like {@link #await}, but the time out runs from the last change of {@code progress}, up to {@code cap}. */
    private static boolean awaitWhileProgressing(BooleanSupplier condition, LongSupplier progress, Duration stall,
            Duration cap) throws InterruptedException {
        long start = System.nanoTime();
        long last = progress.getAsLong();
        long lastChange = start;
        while (!condition.getAsBoolean()) {
            long now = System.nanoTime();
            long current = progress.getAsLong();
            if (current != last) {
                last = current;
                lastChange = now;
            }
            if (now - lastChange > stall.toNanos() || now - start > cap.toNanos()) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    private static boolean await(BooleanSupplier condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    private String progress() {
        return String.format("  [%s] pushed %d  accepted %d  awaiting an answer %d  stored %d  (%d retries, %d "
                + "without answer)", phase, pushed.get(), accepted.size(), unresolved.size(), visibility.visible(),
                retries.get(), noAnswers.get());
    }

    private void printSummary(List<Map<String, Object>> crashes, List<String> lost, List<String> notServed,
            List<String> duplicateIds, List<String> duplicateUrls, List<String> otherRevisions,
            List<String> missingFromFeed, List<String> storedUnacknowledged, Map<String, Object> instances,
            boolean passed) {
        System.out.println("\nChaos test");
        for (Map<String, Object> crash : crashes) {
            row("kill -9 " + crash.get("component"), crash.get("restarted").equals(Boolean.TRUE)
                    ? "restarted in " + crash.get("restartSeconds") + " s" : "DID NOT RESTART");
        }
        row("pushed", pushed.get() + " articles");
        row("accepted", accepted.size() + " (" + acceptedAsUnchanged.get() + " of them known only from a re-push "
                + "answered \"unchanged\")");
        row("pushes refused, retried", retries.get() + "; pushes without answer, retried: " + noAnswers.get()
                + " (of which 5xx other than 503: " + pushers.stream().mapToLong(Pusher::serverErrors).sum() + ")");
        row("copies dropped", copies.size() + " (taken for near-duplicates; not expected to be stored)");
        row("stored", (accepted.size() - lost.size()) + " of " + accepted.size());
        row("LOST", lost.size() + (lost.isEmpty() ? "" : "  e.g. " + first(lost)));
        row("not served by the API", notServed.size() + (notServed.isEmpty() ? "" : "  e.g. " + first(notServed)));
        row("DUPLICATED ids", duplicateIds.size() + (duplicateIds.isEmpty() ? "" : "  e.g. " + first(duplicateIds)));
        row("DUPLICATED urls", duplicateUrls.size() + (duplicateUrls.isEmpty() ? "" : "  e.g. "
                + first(duplicateUrls)));
        row("revision other than 1", otherRevisions.size() + (otherRevisions.isEmpty() ? "" : "  e.g. "
                + first(otherRevisions)));
        row("stored, missing from feed", String.valueOf(missingFromFeed.size()));
        row("stored, never acknowledged", storedUnacknowledged.size() + " (acceptable only for pushes that never got "
                + "a definitive answer)");
        row("rejected (4xx)", String.valueOf(rejected.size()));
        row("without definitive answer", String.valueOf(unresolved.size()));
        row("same url, two ids", String.valueOf(idConflicts.get()));
        if (!instances.isEmpty()) {
            for (Object stream : (List<?>) instances.get("streams")) {
                Map<?, ?> one = (Map<?, ?>) stream;
                row("stream of " + one.get("connectedTo"), one.get("received") + " articles; MISSING "
                        + one.get("missing") + ", TWICE " + ((List<?>) one.get("receivedTwice")).size()
                        + "; reconnected " + one.get("reconnects") + " times");
            }
            row("webhook", "NOT DELIVERED " + instances.get("webhookNotDelivered") + ", TWO DELIVERIES OF ONE ARTICLE "
                    + ((List<?>) instances.get("webhookTwoDeliveriesOfOneArticle")).size()
                    + ", same delivery sent again " + instances.get("webhookRedeliveredSameDeliveryId"));
            long caughtUp = ((Number) instances.get("caughtUpAfterStoredMs")).longValue();
            row("streams and webhook", caughtUp < 0 ? "STOPPED before they had every stored article"
                    : "had every stored article " + caughtUp + " ms after the last was stored");
        }
        Percentiles latency = visibility.summary().latencyMs();
        row("push to stored", "p50 " + latency.p50() + " ms, p99 " + latency.p99() + " ms, max " + latency.max()
                + " ms");
        System.out.println(passed ? "\nPASSED: nothing lost, nothing duplicated" : "\nFAILED: see the figures above");
    }

    private static void row(String name, String value) {
        System.out.printf("  %-28s %s%n", name, value);
    }

    private static List<String> first(List<String> values) {
        return values.subList(0, Math.min(SHOWN_IDS, values.size()));
    }
}
