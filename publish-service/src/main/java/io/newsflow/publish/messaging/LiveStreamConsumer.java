package io.newsflow.publish.messaging;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.newsflow.contract.ArticleEnriched;
import io.newsflow.contract.EventJson;
import io.newsflow.contract.MalformedEventException;
import io.newsflow.publish.live.LiveAnnouncements;
import io.newsflow.publish.live.LiveAnnouncements.Arrival;
import io.newsflow.publish.live.LiveArticles;
import io.newsflow.publish.live.StreamPosition;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Feeds the live stream: this instance's own reader of {@code articles-enriched}, in a consumer group of its own
 * ({@code publish-service-live-<random>}), so that it reads every partition whichever instance stores them, from the
 * end of the topic when it starts, committing nothing (docs/adr/0006). Its readiness check is up once it has its
 * partitions: before that, a stream client would miss what is published.
 */
@Readiness
@ApplicationScoped
@Identifier(LiveStreamConsumer.REBALANCE_LISTENER)
class LiveStreamConsumer implements KafkaConsumerRebalanceListener, HealthCheck {

    static final String REBALANCE_LISTENER = "live-stream";

    private final LiveAnnouncements announcements;
    private final LiveArticles live;
    private volatile int assigned;

    LiveStreamConsumer(LiveAnnouncements announcements, LiveArticles live) {
        this.announcements = announcements;
        this.live = live;
    }

    @Incoming("articles-live")
    @Blocking
    CompletionStage<Void> consume(KafkaRecordBatch<String, String> batch) throws InterruptedException {
        List<Arrival> arrivals = new ArrayList<>();
        for (KafkaRecord<String, String> record : batch.getRecords()) {
            arrivals.add(arrival(record));
        }
        announcements.announce(arrivals);
        return batch.ack();
    }

    private static Arrival arrival(KafkaRecord<String, String> record) {
        IncomingKafkaRecordMetadata<?, ?> where = record.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow();
        try {
            ArticleEnriched event = EventJson.readEnriched(record.getPayload());
            return new Arrival(where.getPartition(), where.getOffset(), event.articleId(), event.revision());
        } catch (MalformedEventException e) {
            // The storing consumer sends it to the dead-letter topic; it is never stored, so never streamed.
            return new Arrival(where.getPartition(), where.getOffset(), null, 0);
        }
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // The group commits nothing, so a rebalance (a session timeout, a broker failover) would restart every
        // partition at its end and skip what was produced meanwhile: go on from where this instance had got to.
        StreamPosition position = live.position();
        for (TopicPartition partition : partitions) {
            Long next = position.next().get(partition.partition());
            if (next != null) {
                consumer.seek(partition, next);
            }
        }
        assigned = partitions.size();
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        assigned = 0;
    }

    @Override
    public HealthCheckResponse call() {
        int partitions = assigned;
        return HealthCheckResponse.named("Streaming live articles").status(partitions > 0)
                .withData("partitions", partitions).build();
    }
}
