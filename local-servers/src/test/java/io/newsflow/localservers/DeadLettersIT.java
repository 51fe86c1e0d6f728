package io.newsflow.localservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's view of dead letters over a real broker in a child JVM: dead letters written with the headers
 * SmallRye's dead-letter handler writes, listed, and re-queued to where they came from, once.
 */
class DeadLettersIT {

    static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @TempDir
    Path dir;

    static void deadLetter(KafkaProducer<String, String> producer, String dlq, String key, String from, long offset,
            String reason) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(dlq, key, "{\"broken\": true}");
        record.headers().add("dead-letter-reason", reason.getBytes(StandardCharsets.UTF_8))
                .add("dead-letter-topic", from.getBytes(StandardCharsets.UTF_8))
                .add("dead-letter-partition", "1".getBytes(StandardCharsets.UTF_8))
                .add("dead-letter-offset", String.valueOf(offset).getBytes(StandardCharsets.UTF_8));
        producer.send(record).get(30, TimeUnit.SECONDS);
    }

    @Test
    void listsDeadLettersWithWhereTheyCameFromAndRequeuesEachOnceToItsTopicInItsTrace() throws Exception {
        String dlq = "articles-enriched.publish-service.dlq";
        String from = "articles-enriched";
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        try (KafkaBroker broker = KafkaBroker.start(dir, Duration.ofSeconds(90));
                KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                        ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            DeadLetters letters = new DeadLetters(broker.bootstrapServers());
            assertEquals(List.of(), letters.list("articles-ingested.enrich-service.dlq"), "a topic never written");
            deadLetter(producer, dlq, first, from, 41, "MalformedEventException: Not a ArticleEnriched");

            List<DeadLetters.DeadLetter> listed = letters.list(dlq);
            assertEquals(1, listed.size());
            assertEquals(first, listed.get(0).key());
            assertEquals(from, listed.get(0).from());
            assertEquals(1, listed.get(0).fromPartition());
            assertEquals(41L, listed.get(0).fromOffset());
            assertTrue(listed.get(0).reason().contains("Not a ArticleEnriched"));

            assertEquals(1, letters.requeue(dlq));
            // One without the header naming its topic (not written by SmallRye), with its article's trace.
            ProducerRecord<String, String> bare = new ProducerRecord<>(dlq, second, "{\"broken\": true}");
            bare.headers().add("dead-letter-reason", "a second failure".getBytes(StandardCharsets.UTF_8))
                    .add("traceparent", TRACEPARENT.getBytes(StandardCharsets.UTF_8));
            producer.send(bare).get(30, TimeUnit.SECONDS);
            assertEquals(1, letters.requeue(dlq), "only the dead letter not re-queued before");
            assertEquals(0, letters.requeue(dlq));

            TopicProbe probe = new TopicProbe(broker.bootstrapServers());
            List<ConsumerRecord<String, String>> back = probe.readAll(from);
            assertEquals(2, back.size(), "each dead letter sent back once");
            assertEquals(Set.of(first, second), back.stream().map(ConsumerRecord::key).collect(Collectors.toSet()));
            ConsumerRecord<String, String> again = back.stream().filter(r -> first.equals(r.key())).findFirst()
                    .orElseThrow();
            assertEquals("{\"broken\": true}", again.value());
            assertEquals(from, new String(again.headers().lastHeader("requeued-dead-letter-topic").value(),
                    StandardCharsets.UTF_8));
            List<DeadLetters.DeadLetter> all = letters.list(dlq);
            assertEquals(2, all.size(), "listing shows every dead letter, re-queued or not");
            assertEquals(from, all.stream().filter(l -> second.equals(l.key())).findFirst().orElseThrow().from(),
                    "the origin of one without the header: its dead-letter topic's name");
            ConsumerRecord<String, String> traced = back.stream().filter(r -> second.equals(r.key())).findFirst()
                    .orElseThrow();
            assertEquals(TRACEPARENT, new String(traced.headers().lastHeader("traceparent").value(),
                    StandardCharsets.UTF_8), "the requeued article goes on in its trace");
        }
    }
}
