package io.newsflow.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Plain Java over a SmallRye configuration as the services write theirs; no broker. */
class ConsumerLagMetricsTest {

    @Test
    void theGroupsMeasuredAreThoseOfTheServicesKafkaChannelsEachWithTheTopicItReads() {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withDefaultValues(Map.of(
                "mp.messaging.incoming.articles-enriched.connector", "smallrye-kafka",
                "mp.messaging.incoming.articles-enriched.group.id", "publish-service",
                "mp.messaging.incoming.articles-live.connector", "smallrye-kafka",
                "mp.messaging.incoming.articles-live.topic", "articles-enriched",
                "mp.messaging.incoming.articles-live.group.id", "publish-service-live-1",
                // Commits nothing: no lag to read.
                "mp.messaging.incoming.articles-live.commit-strategy", "ignore",
                // In memory (the fast tests), or without a group: nothing to measure.
                "mp.messaging.incoming.in-memory.connector", "smallrye-in-memory",
                "mp.messaging.incoming.in-memory.group.id", "not-kafka",
                "mp.messaging.incoming.groupless.connector", "smallrye-kafka",
                "mp.messaging.outgoing.articles-ingested.connector", "smallrye-kafka")).build();

        List<ConsumerLag.Subscription> subscriptions = ConsumerLagMetrics.subscriptions(config).stream()
                .sorted((a, b) -> a.group().compareTo(b.group())).toList();

        assertEquals(List.of(new ConsumerLag.Subscription("publish-service", "articles-enriched")), subscriptions);
    }
}
