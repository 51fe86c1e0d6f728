package io.newsflow.stage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The lag of consumer groups as Kafka sees it: per partition, the end offset less the group's committed offset,
 * {@code newsflow_consumer_lag{group, topic, partition}}. From the committed offsets rather than the consumer's own
 * fetch metrics, so that it holds for every instance of a group, and goes on growing while the group's consumers are
 * stopped, which is when it matters most. A partition the group never committed on is not reported (a group that
 * commits nothing, such as publish-service's live readers, has no lag to report).
 */
public final class ConsumerLag {

    /** A consumer group and the topic it reads. */
    public record Subscription(String group, String topic) {
    }

    private record Key(String group, String topic, int partition) {
    }

    private final Admin admin;
    private final MeterRegistry metrics;
    private final List<Subscription> subscriptions;
    private final long timeoutMillis;
    private final Map<Key, AtomicLong> lags = new ConcurrentHashMap<>();

    public ConsumerLag(Admin admin, MeterRegistry metrics, List<Subscription> subscriptions, long timeoutMillis) {
        this.admin = admin;
        this.metrics = metrics;
        this.subscriptions = List.copyOf(subscriptions);
        this.timeoutMillis = timeoutMillis;
    }

    /** Reads the committed and end offsets once (two admin requests per group) and updates the gauges. */
    public void refresh() throws ExecutionException, InterruptedException, TimeoutException {
        for (Subscription subscription : subscriptions) {
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            admin.listConsumerGroupOffsets(subscription.group(),
                    new ListConsumerGroupOffsetsOptions().timeoutMs((int) timeoutMillis))
                    .partitionsToOffsetAndMetadata()
                    .get(timeoutMillis, TimeUnit.MILLISECONDS).forEach((partition, offset) -> {
                        if (offset != null && partition.topic().equals(subscription.topic())) {
                            committed.put(partition, offset);
                        }
                    });
            if (committed.isEmpty()) {
                continue;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest,
                    new ListOffsetsOptions().timeoutMs((int) timeoutMillis)).all().get(timeoutMillis,
                            TimeUnit.MILLISECONDS);
            committed.forEach((partition, offset) -> {
                ListOffsetsResultInfo end = ends.get(partition);
                if (end != null) {
                    gauge(new Key(subscription.group(), partition.topic(), partition.partition()))
                            .set(Math.max(0, end.offset() - offset.offset()));
                }
            });
        }
    }

    private AtomicLong gauge(Key key) {
        return lags.computeIfAbsent(key, k -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder("newsflow.consumer.lag", value, AtomicLong::get)
                    .description("Records of the partition not yet committed by the consumer group")
                    .tags("group", k.group(), "topic", k.topic(), "partition", Integer.toString(k.partition()))
                    .register(metrics);
            return value;
        });
    }
}
