package io.newsflow.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.localservers.RealServers;
import io.newsflow.localservers.TopicProbe;

/** A real Kafka broker (RealServers); the lag is read with a real admin client. */
class ConsumerLagIT {

    @Test
    void lagIsTheRecordsOfAPartitionPastTheGroupsCommittedOffset() throws Exception {
        String topic = "lag-" + UUID.randomUUID();
        String unread = "lag-unread-" + UUID.randomUUID();
        String group = "group-" + UUID.randomUUID();
        String bootstrap = RealServers.kafkaBootstrapServers();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1), new NewTopic(unread, 1, (short) 1))).all()
                    .get();
            TopicProbe probe = new TopicProbe(bootstrap);
            for (int i = 0; i < 5; i++) {
                probe.send(topic, "k" + i, "v" + i);
                probe.send(unread, "k" + i, "v" + i);
            }
            TopicPartition partition = new TopicPartition(topic, 0);
            admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(1))).all().get();
            SimpleMeterRegistry metrics = new SimpleMeterRegistry();
            ConsumerLag lag = new ConsumerLag(admin, metrics, List.of(new ConsumerLag.Subscription(group, topic),
                    new ConsumerLag.Subscription(group, unread)), Duration.ofSeconds(10).toMillis());

            lag.refresh();

            assertEquals(4.0, gauge(metrics, group, topic).value());
            assertNull(gauge(metrics, group, unread), "a partition the group never committed on is not reported");

            admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(5))).all().get();
            lag.refresh();
            assertEquals(0.0, gauge(metrics, group, topic).value());
        }
    }

    /** The lag of partition 0 as the registry exposes it; null when it is not reported. */
    static Gauge gauge(SimpleMeterRegistry metrics, String group, String topic) {
        return metrics.find("newsflow.consumer.lag").tags("group", group, "topic", topic, "partition", "0").gauge();
    }
}
