package io.newsflow.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
import org.bson.types.Binary;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.sun.management.OperatingSystemMXBean;

/**
 * What ingest-service's writes and reads for one new article cost the embedded MongoDB-wire server and the driver,
 * over TCP, with a durable file, once the store is past the size where near-duplicate buckets are full: the same
 * commands as {@code ArticleRegistry} and {@code SimHashBuckets} send (read the registration, reserve, read the eight
 * buckets, confirm, list the article in its eight buckets), on a registry of 20,000 articles and 2,048 buckets, nearly
 * all full (64 entries). One thread, one article per operation; the server runs in the benchmark's JVM, so the time is the driver's
 * and the server's together. {@code entries}: the bucket entry as text ({@code "<id> <fingerprint> <second>"}, before
 * stop 25) or as 24 bytes of binary.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
@Threads(1)
public class StorePathBenchmark {

    private static final int REGISTERED = 20_000;
    private static final int BANDS = 8;
    private static final int BUCKET_SIZE = 64;
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    @Param({"text", "binary"})
    public String entries;

    private DurableStore store;
    private MongoCollection<Document> registry;
    private MongoCollection<Document> buckets;
    private final Random random = new Random(25);
    private long listedAt = System.currentTimeMillis() / 1000;

    @Setup(Level.Trial)
    public void start() throws Exception {
        store = new DurableStore("store-path");
        registry = store.collection("ingest_articles");
        buckets = store.collection("ingest_simhash_buckets");
        List<WriteModel<Document>> registrations = new ArrayList<>();
        List<WriteModel<Document>> listings = new ArrayList<>();
        for (int i = 1; i <= REGISTERED; i++) {
            String id = newId();
            registrations.add(new UpdateOneModel<>(Filters.eq("_id", id),
                    Updates.combine(Updates.set("revision", 1), Updates.set("contentHash", id),
                            Updates.set("pendingRevision", 1), Updates.set("pendingHash", id),
                            Updates.set("owner", "benchmark"), Updates.set("v", 2L)),
                    UPSERT));
            listings.addAll(listings(id, random.nextLong()));
            if (i % 100 == 0) {
                registry.bulkWrite(registrations, UNORDERED);
                buckets.bulkWrite(listings, UNORDERED);
                registrations.clear();
                listings.clear();
            }
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        store.close();
    }

    /**
     * The CPU the benchmark's process spent per article, server and driver together, in microseconds. The time per
     * operation is mostly the three fsyncs; the CPU is what this benchmark compares. JMH adds up an events counter over
     * the measurement iterations, so each iteration reports its share: the result line is the mean per article.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {

        private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory
                .getOperatingSystemMXBean();

        long articles;
        private long startedAt;
        private int iterations;

        @Setup(Level.Iteration)
        public void start(BenchmarkParams params) {
            // Summed over every measurement iteration of every fork.
            iterations = params.getMeasurement().getCount() * Math.max(1, params.getForks());
            articles = 0;
            startedAt = OS.getProcessCpuTime();
        }

        public double cpuMicrosPerArticle() {
            return articles == 0 ? 0 : (OS.getProcessCpuTime() - startedAt) / 1000.0 / articles / iterations;
        }
    }

    /** One new article, as a group of one decides it: two reads and three writes. */
    @Benchmark
    public int newArticle(Cpu cpu) {
        cpu.articles++;
        String id = newId();
        long simHash = random.nextLong();
        int read = registry.find(Filters.in("_id", List.of(id))).into(new ArrayList<>()).size();
        registry.bulkWrite(List.of(new UpdateOneModel<>(Filters.and(Filters.eq("_id", id), Filters.eq("v", 0L)),
                Updates.combine(Updates.set("pendingRevision", 1), Updates.set("pendingHash", id),
                        Updates.setOnInsert("revision", 0), Updates.inc("v", 1L)),
                UPSERT)), UNORDERED);
        for (Document bucket : buckets.find(Filters.in("_id", keys(simHash)))) {
            for (Object entry : bucket.getList("e", Object.class)) {
                read += parse(entry);
            }
        }
        registry.bulkWrite(List.of(new UpdateOneModel<>(Filters.and(Filters.eq("_id", id), Filters.lt("revision", 1)),
                Updates.combine(Updates.set("revision", 1), Updates.set("contentHash", id),
                        Updates.inc("v", 1L)))),
                UNORDERED);
        buckets.bulkWrite(listings(id, simHash), UNORDERED);
        return read;
    }

    /** The article's eight listings, one per band. */
    private List<WriteModel<Document>> listings(String id, long simHash) {
        List<WriteModel<Document>> writes = new ArrayList<>(BANDS);
        Object entry = entry(id, simHash, listedAt++);
        for (String key : keys(simHash)) {
            writes.add(new UpdateOneModel<>(Filters.eq("_id", key),
                    Updates.pushEach("e", List.of(entry), new PushOptions().slice(-BUCKET_SIZE)), UPSERT));
        }
        return writes;
    }

    private Object entry(String id, long simHash, long second) {
        if (entries.equals("text")) {
            return id + " " + Long.toHexString(simHash) + " " + second;
        }
        return new Binary(ByteBuffer.allocate(24).put(HexFormat.of().parseHex(id)).putLong(simHash)
                .putInt((int) second).array());
    }

    private static int parse(Object entry) {
        if (entry instanceof Binary binary) {
            byte[] data = binary.getData();
            ByteBuffer bytes = ByteBuffer.wrap(data);
            String id = HexFormat.of().formatHex(data, 0, 12);
            return id.length() + (int) bytes.getLong(12) + bytes.getInt(20);
        }
        String[] parts = ((String) entry).split(" ", 3);
        return parts[0].length() + (int) Long.parseUnsignedLong(parts[1], 16) + (int) Long.parseLong(parts[2]);
    }

    // SimHashBuckets.keys and the entry layouts above, repeated: the benchmarks depend on engines and the embedded
    // servers, not on the Quarkus services. A change there must be made here too.
    private static List<String> keys(long simHash) {
        List<String> keys = new ArrayList<>(BANDS);
        for (int band = 0; band < BANDS; band++) {
            keys.add(band + ":" + Long.toHexString(simHash >>> (band * 8) & 0xff));
        }
        return keys;
    }

    private String newId() {
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
