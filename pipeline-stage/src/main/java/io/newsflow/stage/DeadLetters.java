package io.newsflow.stage;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.jboss.logging.Logger;

import io.opentelemetry.context.Scope;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/** The end of a poll: its unusable records to the dead-letter topic, then the whole poll acknowledged. */
public final class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    /**
     * Sends each unusable record to the dead-letter topic, then acknowledges the poll. Only once the poll's other
     * records are done: the dead-letter handler acknowledges the record it sent, and with the latest-offset commit
     * strategy that commits its offset at once, which must not pass records of the poll still being processed. Each
     * is logged in its article's trace, so that the trace id of a push finds its dead letter in the logs.
     */
    public static <E extends Throwable> CompletionStage<Void> thenAck(KafkaRecordBatch<String, String> batch,
            Map<KafkaRecord<String, String>, E> unusable, ArticleTraces traces) {
        CompletableFuture<?>[] sent = unusable.entrySet().stream().map(e -> {
            KafkaRecord<String, String> record = e.getKey();
            try (Scope scope = traces.of(record).makeCurrent()) {
                LOG.warnf("Article %s (%s-%d offset %s) goes to the dead-letter topic: %s", record.getKey(),
                        record.getTopic(), record.getPartition(),
                        record.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getOffset()).orElse(null),
                        e.getValue().getMessage());
            }
            return record.nack(e.getValue()).toCompletableFuture();
        }).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(sent).thenCompose(done -> batch.ack());
    }
}
