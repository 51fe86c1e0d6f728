package io.newsflow.localservers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real Kafka broker in a child JVM and the real Kafka clients; nothing is faked. */
class KafkaBrokerIT {

    @TempDir
    Path dir;

    @Test
    void deliversRecordsAndKeepsThemAcrossARestart() {
        String key = UUID.randomUUID().toString();
        int port = KafkaBroker.freePort();
        int controllerPort = KafkaBroker.freePort();
        try (KafkaBroker broker = KafkaBroker.start(dir, port, controllerPort, Duration.ofSeconds(90))) {
            new TopicProbe(broker.bootstrapServers()).send("probe", key, "kept");
        }
        try (KafkaBroker broker = KafkaBroker.start(dir, port, controllerPort, Duration.ofSeconds(90))) {
            ConsumerRecord<String, String> record = new TopicProbe(broker.bootstrapServers())
                    .first("probe", r -> key.equals(r.key()), Duration.ofSeconds(30));
            assertEquals("kept", record.value());
        }
    }
}
