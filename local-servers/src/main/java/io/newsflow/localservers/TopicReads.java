package io.newsflow.localservers;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Reading a whole topic as it is now, as the tools and tests of this module do. */
final class TopicReads {

    private TopicReads() {
    }

    /**
     * Hands {@code each} every record of {@code topic} up to the end each partition has now, from the group's
     * committed offsets when {@code fromCommitted}, else from the beginning; nothing when the topic does not exist.
     *
     * @throws IllegalStateException when the end is not reached within {@code timeout}
     */
    static <K, V> void toEnd(KafkaConsumer<K, V> consumer, String topic, boolean fromCommitted, Duration timeout,
            Consumer<ConsumerRecord<K, V>> each) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        if (partitions.isEmpty()) {
            return;
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = fromCommitted ? consumer.committed(Set.copyOf(partitions))
                : Map.of();
        for (TopicPartition p : partitions) {
            OffsetAndMetadata at = committed.get(p);
            if (at == null) {
                consumer.seekToBeginning(List.of(p));
            } else {
                consumer.seek(p, at.offset());
            }
        }
        Instant deadline = Instant.now().plus(timeout);
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("Could not read " + topic + " to its end within " + timeout);
            }
            for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    each.accept(record);
                }
            }
        }
    }
}
