package io.newsflow.localservers;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A server that speaks the MongoDB wire protocol (mongo-java-server), so the real MongoDB driver talks to it over
 * TCP. In memory for tests; in an H2 file for {@code ./newsflow up}, so articles survive a restart. See
 * docs/adr/0003 for what it does not support.
 */
public final class MongoWireServer implements AutoCloseable {

    private final MongoServer server;
    private final MongoBackend backend;
    private final InetSocketAddress address;

    private MongoWireServer(MongoBackend backend, String host, int port) {
        this.backend = backend;
        this.server = new MongoServer(backend);
        if (port == 0) {
            this.address = server.bind();
        } else {
            server.bind(host, port);
            this.address = server.getLocalAddress();
        }
    }

    public static MongoWireServer inMemory() {
        return new MongoWireServer(new MemoryBackend(), "127.0.0.1", 0);
    }

    public static MongoWireServer inFile(Path file, String host, int port) throws java.io.IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new MongoWireServer(new H2Backend(file.toAbsolutePath().toString()), host, port);
    }

    public String connectionString() {
        return "mongodb://" + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }

    /** {@code MongoWireServer [port] [file]}: serves until stopped; used by {@code ./newsflow up}. */
    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 27017;
        Path file = Path.of(args.length > 1 ? args[1] : ".newsflow/mongo/newsflow.mv");
        MongoWireServer server = inFile(file, "127.0.0.1", port);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mongo-wire-stop"));
        System.out.println("MongoDB-wire server ready on " + server.connectionString() + " (data: " + file + ")");
        Thread.currentThread().join();
    }
}
