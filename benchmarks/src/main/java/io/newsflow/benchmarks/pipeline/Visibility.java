package io.newsflow.benchmarks.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.bson.Document;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;

/**
 * When accepted articles become visible: the {@code storedAt} publish-service writes into MongoDB's {@code articles}
 * collection. Latency runs from the push to that time, both read from this machine's clock (the services run here
 * too), so how often this polls changes when an article is noticed, never the latency measured.
 * <p>
 * Only point lookups by {@code _id}: the MongoDB-wire server of {@code ./newsflow up} scans the collection for any
 * other query, and scans would load the very system being measured. Pending ids are looked up oldest first, a chunk per
 * {@code _id $in} query, at most every 500 ms; a pass stops after two chunks mostly not stored yet, since articles are
 * stored roughly in the order they were accepted, so a pass costs little while the pipeline lags.
 */
final class Visibility implements AutoCloseable {

    // The driver reports each reconnection attempt at INFO: while the chaos test has MongoDB down, that would drown
    // the progress lines. Held here, since a logger nobody references may lose its level.
    private static final Logger DRIVER_LOG = Logger.getLogger("org.mongodb.driver");
    private static final int CHUNK = 64;
    private static final long PASS_MILLIS = 500;

    private record Pending(String id, long pushedAt) {
    }

    /** What became visible: the latencies, and the window from the first push to the last storedAt. */
    record Summary(int visible, int missing, long firstPushedAt, long lastStoredAt, Percentiles latencyMs) {
    }

    private final MongoCollection<Document> articles;
    private final ConcurrentSkipListMap<Long, Pending> pending = new ConcurrentSkipListMap<>();
    private final Set<String> expected = ConcurrentHashMap.newKeySet();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicInteger visible = new AtomicInteger();
    private final AtomicLong firstPushedAt = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong lastStoredAt = new AtomicLong();
    private final AtomicLong lookupErrors = new AtomicLong();
    private final Percentiles.Recorder latencies = new Percentiles.Recorder();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(daemon("visibility"));

    Visibility(MongoCollection<Document> articles) {
        this.articles = articles;
        poller.scheduleWithFixedDelay(this::pass, 0, PASS_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** A client that gives up after 10 s, like every HTTP call here, so that a MongoDB outage shows as errors. */
    static MongoClient connect(String uri) {
        DRIVER_LOG.setLevel(Level.WARNING);
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(uri))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(10, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(10, TimeUnit.SECONDS).readTimeout(10, TimeUnit.SECONDS))
                .build());
    }

    static MongoCollection<Document> articles(MongoClient client) {
        return client.getDatabase("newsflow").getCollection("articles");
    }

    /** Waits for this article from now on; an id expected already keeps its first push time. */
    void expect(String id, long pushedAt) {
        if (expected.add(id)) {
            firstPushedAt.accumulateAndGet(pushedAt, Math::min);
            pending.put(sequence.getAndIncrement(), new Pending(id, pushedAt));
        }
    }

    int visible() {
        return visible.get();
    }

    int pending() {
        return pending.size();
    }

    long lookupErrors() {
        return lookupErrors.get();
    }

    /** Waits until every expected article is visible; false when some still are not after {@code timeout}. */
    boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending.isEmpty()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    /** The expected articles not visible yet, oldest first. */
    List<String> missing() {
        return pending.values().stream().map(Pending::id).toList();
    }

    Summary summary() {
        Percentiles latency = latencies.percentiles();
        long first = firstPushedAt.get();
        return new Summary(latency.count(), pending.size(), first == Long.MAX_VALUE ? 0 : first, lastStoredAt.get(),
                latency);
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }

    private void pass() {
        try {
            List<Map.Entry<Long, Pending>> chunk = new ArrayList<>(CHUNK);
            int poorChunks = 0;
            for (Map.Entry<Long, Pending> entry : pending.entrySet()) {
                chunk.add(entry);
                if (chunk.size() == CHUNK) {
                    poorChunks = lookUp(chunk) * 2 < CHUNK ? poorChunks + 1 : 0;
                    // Past the stored frontier: what follows was accepted later still. One more chunk is looked at,
                    // in case a Kafka partition lags behind the others.
                    if (poorChunks == 2) {
                        return;
                    }
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty()) {
                lookUp(chunk);
            }
        } catch (RuntimeException e) {
            // An exception would cancel the schedule: count it and try again on the next pass.
            lookupErrors.incrementAndGet();
        }
    }

    /** Looks the chunk up with one {@code _id $in} query; returns how many are stored. */
    private int lookUp(List<Map.Entry<Long, Pending>> chunk) {
        Map<String, Long> storedAts;
        try {
            storedAts = storedAt(chunk.stream().map(e -> e.getValue().id()).toList());
        } catch (RuntimeException e) {
            // MongoDB unreachable (the chaos test kills it): not visible yet, as far as anyone can tell.
            lookupErrors.incrementAndGet();
            return 0;
        }
        int stored = 0;
        for (Map.Entry<Long, Pending> entry : chunk) {
            Long storedAt = storedAts.get(entry.getValue().id());
            if (storedAt != null) {
                stored++;
                Pending found = pending.remove(entry.getKey());
                if (found != null) {
                    // Both clocks are this machine's; a few ms of rounding must not show as a negative latency.
                    latencies.add(Math.max(0, storedAt - found.pushedAt()));
                    lastStoredAt.accumulateAndGet(storedAt, Math::max);
                    visible.incrementAndGet();
                }
            }
        }
        return stored;
    }

    /** The storedAt of those of the articles that are stored, in epoch milliseconds, by id. */
    Map<String, Long> storedAt(List<String> ids) {
        Map<String, Long> storedAts = new HashMap<>();
        for (Document doc : articles.find(Filters.in("_id", ids)).projection(Projections.include("storedAt"))) {
            Date storedAt = doc.getDate("storedAt");
            if (storedAt != null) {
                storedAts.put(doc.getString("_id"), storedAt.getTime());
            }
        }
        return storedAts;
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
