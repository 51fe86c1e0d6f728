package io.newsflow.localservers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * The Docker side of {@link RealServers}: Testcontainers' Kafka and the official MongoDB image, with the real clients.
 * Skipped, and reported as skipped, where no Docker engine runs.
 */
@EnabledIf(value = "dockerRuns", disabledReason = "No Docker engine: the tests use the local servers instead (docs/adr/0003)")
class ContainerServersIT {

    static boolean dockerRuns() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @Test
    void kafkaContainerDeliversRecords() {
        try (var kafka = new org.testcontainers.kafka.KafkaContainer(RealServers.KAFKA_IMAGE)) {
            kafka.start();
            TopicProbe probe = new TopicProbe(kafka.getBootstrapServers());
            String key = UUID.randomUUID().toString();
            probe.send("probe", key, "value");
            assertEquals("value", probe.first("probe", r -> key.equals(r.key()), Duration.ofSeconds(30)).value());
        }
    }

    @Test
    void mongoContainerStoresDocuments() {
        try (var mongo = new org.testcontainers.mongodb.MongoDBContainer(RealServers.MONGO_IMAGE)) {
            mongo.start();
            try (MongoClient client = MongoClients.create(mongo.getConnectionString())) {
                client.getDatabase("t").getCollection("c").insertOne(new Document("_id", "x"));
                assertEquals(1, client.getDatabase("t").getCollection("c").countDocuments());
            }
        }
    }
}
