package io.newsflow.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

import io.newsflow.localservers.KafkaBroker;
import io.newsflow.localservers.MongoWireServer;

/**
 * The embedded MongoDB-wire server as {@code ./newsflow up} runs it, with its data in a durable file of a temporary
 * directory, in the benchmark's JVM, and a driver connected to it over TCP; closing it removes the directory.
 */
final class DurableStore implements AutoCloseable {

    private final Path dir;
    private final MongoWireServer server;
    private final MongoClient client;

    DurableStore(String name) throws IOException {
        dir = Files.createTempDirectory(name);
        server = MongoWireServer.inFile(dir.resolve("newsflow.mv"), "127.0.0.1", KafkaBroker.freePort());
        client = MongoClients.create(server.connectionString());
    }

    MongoCollection<Document> collection(String name) {
        return client.getDatabase("newsflow").getCollection(name);
    }

    @Override
    public void close() throws IOException {
        client.close();
        server.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
