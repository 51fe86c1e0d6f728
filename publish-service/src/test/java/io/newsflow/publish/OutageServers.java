package io.newsflow.publish;

import java.util.Map;

import io.newsflow.localservers.MongoWireServer;
import io.newsflow.localservers.RealServers;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The shared real Kafka broker, and a MongoDB-wire server of its own that a test can take down and bring back. */
public class OutageServers implements QuarkusTestResourceLifecycleManager {

    static MongoWireServer mongo;

    @Override
    public Map<String, String> start() {
        try {
            // In a file, so that the data outlives the outage as a real server's would.
            java.nio.file.Path file = java.nio.file.Files.createTempDirectory("outage").resolve("mongo.mv");
            mongo = MongoWireServer.inFile(file, "127.0.0.1", io.newsflow.localservers.KafkaBroker.freePort());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        // Fail fast while the server is down, so that the consumer's retry loop, not the driver, does the waiting.
        return Map.of("kafka.bootstrap.servers", RealServers.kafkaBootstrapServers(),
                "quarkus.mongodb.connection-string", mongo.connectionString()
                        + "/?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000",
                "newsflow.publish.max-store-backoff", "PT0.5S");
    }

    @Override
    public void stop() {
        mongo.close();
    }
}
