package io.newsflow.localservers;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;

import org.h2.mvstore.MVStore;

import de.bwaldvogel.mongo.MongoServer;

/**
 * A server that speaks the MongoDB wire protocol (mongo-java-server), so the real MongoDB driver talks to it over
 * TCP, on {@link DurableH2Backend}. Without a file for tests; in an H2 file for {@code ./newsflow up}, so articles survive a restart, and every write it
 * acknowledged survives {@code kill -9} ({@link DurableH2Backend}). See docs/adr/0003 for what it does not support.
 */
public final class MongoWireServer implements AutoCloseable {

    private final Supplier<DurableH2Backend> backends;
    private final InetSocketAddress address;
    private DurableH2Backend backend;
    private MongoServer server;

    private MongoWireServer(Supplier<DurableH2Backend> backends, String host, int port) {
        this.backends = backends;
        this.backend = backends.get();
        this.server = new MongoServer(backend);
        if (port == 0) {
            this.address = server.bind();
        } else {
            server.bind(host, port);
            this.address = server.getLocalAddress();
        }
    }

    /**
     * Closes every connection and stops listening: an outage, for tests of what survives one. A server kept in a file
     * keeps its data for {@link #listenAgain()}; one in memory loses it.
     */
    public synchronized void stopListening() {
        server.shutdownNow();
        backend.close();
    }

    /** Serves again on the same address after {@link #stopListening()}, from the same file. */
    public synchronized void listenAgain() {
        backend = backends.get();
        server = new MongoServer(backend);
        server.bind(address.getHostString(), address.getPort());
    }

    public static MongoWireServer inMemory() {
        return new MongoWireServer(DurableH2Backend::withoutFile, "127.0.0.1", 0);
    }

    public static MongoWireServer inFile(Path file, String host, int port) throws IOException {
        return inFile(file, host, port, true);
    }

    /**
     * @param housekeeping whether the server gives back the file's dead space as it runs ({@link DurableH2Backend});
     *                     off only to measure what it does
     */
    public static MongoWireServer inFile(Path file, String host, int port, boolean housekeeping) throws IOException {
        return inFile(file, host, port, housekeeping, -1);
    }

    /** @param retentionMillis MVStore's retention time for tests, which cannot wait its 45 s; -1 for its default */
    static MongoWireServer inFile(Path file, String host, int port, boolean housekeeping, int retentionMillis)
            throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        String path = file.toAbsolutePath().toString();
        // A tenth of the heap for pages read back from the file, counted as MVStore counts them: by the BSON bytes of
        // the documents they hold (StoredDocument), which is what the cache keeps. (While it kept decoded documents,
        // 2 to 4 times as large as counted, a quarter of the heap let the first walk over 100,000 stored articles
        // after a restart fill a 1 GB heap.) The rest is for queries and connections. newsflow.mongodb.cache-megabytes
        // sets it, to measure what the cache saves.
        int cacheMegabytes = Integer.getInteger("newsflow.mongodb.cache-megabytes",
                (int) Math.max(16, Runtime.getRuntime().maxMemory() / 10 / (1024 * 1024)));
        return new MongoWireServer(() -> {
            MVStore store = DurableH2Backend.open(path, cacheMegabytes);
            if (retentionMillis >= 0) {
                store.setRetentionTime(retentionMillis);
            }
            return new DurableH2Backend(store, housekeeping);
        }, host, port);
    }

    /** One step of the file's housekeeping, for tests; whether it rewrote anything. */
    boolean compactStep() {
        return backend.compactStep();
    }

    /** The live share of the file's chunks, as a percentage: what the housekeeping keeps up (100 in memory). */
    public int chunksFillRate() {
        return backend.chunksFillRate();
    }

    /** Queries that read every document of a collection since start. */
    public long fullScans() {
        return backend.fullScans();
    }

    /** How many times every document of a collection was read (index builds, unindexed queries) since opening. */
    public long documentWalks(String database, String collection) {
        return backend.documentWalks(database, collection);
    }

    /** How many documents queries read through an ordered index's walk since opening. */
    public long indexedReads(String database, String collection) {
        return backend.indexedReads(database, collection);
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public synchronized void close() {
        server.shutdownNow();
        backend.close();
    }

    /** {@code MongoWireServer [port] [file]}: serves until stopped; used by {@code ./newsflow up}. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 27017;
        Path file = Path.of(args.length > 1 ? args[1] : ".newsflow/mongo/newsflow.mv");
        // MVStore's retention time, shortened only by tests that need old chunks rewritten within seconds.
        int retentionMillis = Integer.getInteger("newsflow.mongodb.retention-millis", -1);
        // Off only to measure what the housekeeping costs and saves (NEWSFLOW_MONGO_JAVA_OPTS).
        boolean housekeeping = Boolean.parseBoolean(System.getProperty("newsflow.mongodb.housekeeping", "true"));
        MongoWireServer server = inFile(file, "127.0.0.1", port, housekeeping, retentionMillis);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mongo-wire-stop"));
        System.out.println("MongoDB-wire server ready on " + server.connectionString() + " (data: " + file + ")");
        Thread.currentThread().join();
    }
}
