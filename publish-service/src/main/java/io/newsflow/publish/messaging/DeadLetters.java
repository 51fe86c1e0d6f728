package io.newsflow.publish.messaging;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/** The end of a poll: its unusable records to the dead-letter topic, then the whole poll acknowledged. */
final class DeadLetters {

    private DeadLetters() {
    }

    /**
     * Sends each unusable record to the dead-letter topic, then acknowledges the poll. Only once the poll's other
     * records are done: the dead-letter handler acknowledges the record it sent, and with the latest-offset commit
     * strategy that commits its offset at once, which must not pass records of the poll still being processed.
     */
    static <E extends Throwable> CompletionStage<Void> thenAck(KafkaRecordBatch<String, String> batch,
            Map<KafkaRecord<String, String>, E> unusable) {
        CompletableFuture<?>[] sent = unusable.entrySet().stream()
                .map(e -> e.getKey().nack(e.getValue()).toCompletableFuture()).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(sent).thenCompose(done -> batch.ack());
    }
}
