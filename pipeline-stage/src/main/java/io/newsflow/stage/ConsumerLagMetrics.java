package io.newsflow.stage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Reads {@link ConsumerLag} of every Kafka consumer group this service configures
 * ({@code mp.messaging.incoming.<channel>.group.id}, except channels that commit nothing) every {@link StageConfig#lagInterval()}, on a thread of its own.
 * A service without one (ingest) creates no admin client.
 */
@ApplicationScoped
public class ConsumerLagMetrics {

    private static final Logger LOG = Logger.getLogger(ConsumerLagMetrics.class);
    private static final Pattern CONNECTOR = Pattern.compile("mp\\.messaging\\.incoming\\.(.+)\\.connector");

    private final Config config;
    private final StageConfig stage;
    private final MeterRegistry metrics;
    private final Instance<Map<String, Object>> kafka;
    private Admin admin;
    private ScheduledExecutorService scheduler;
    private ConsumerLag lag;

    ConsumerLagMetrics(Config config, StageConfig stage, MeterRegistry metrics,
            @Identifier("default-kafka-broker") Instance<Map<String, Object>> kafka) {
        this.config = config;
        this.stage = stage;
        this.metrics = metrics;
        this.kafka = kafka;
    }

    void start(@Observes StartupEvent event) {
        List<ConsumerLag.Subscription> subscriptions = subscriptions(config);
        if (subscriptions.isEmpty() || stage.lagInterval().isZero() || !kafka.isResolvable()) {
            return;
        }
        Map<String, Object> adminConfig = new HashMap<>(kafka.get());
        adminConfig.keySet().retainAll(AdminClientConfig.configNames());
        admin = Admin.create(adminConfig);
        lag = new ConsumerLag(admin, metrics, subscriptions, 10_000);
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "newsflow-consumer-lag");
            thread.setDaemon(true);
            return thread;
        });
        long every = stage.lagInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::refresh, 0, every, TimeUnit.MILLISECONDS);
    }

    private void refresh() {
        try {
            lag.refresh();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // The broker is away: the gauges keep their last value, and the health checks say what is wrong.
            LOG.debugf("Consumer lag not read: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        if (scheduler != null) {
            scheduler.shutdownNow();
            // Bounded: with the broker away, a pending request would hold the shutdown for Kafka's API timeout.
            admin.close(Duration.ofSeconds(2));
        }
    }

    /** The consumer groups of this service's Kafka channels, with the topic each reads. */
    static List<ConsumerLag.Subscription> subscriptions(Config config) {
        List<ConsumerLag.Subscription> subscriptions = new ArrayList<>();
        for (String name : config.getPropertyNames()) {
            Matcher channel = CONNECTOR.matcher(name);
            if (!channel.matches()
                    || !"smallrye-kafka".equals(config.getOptionalValue(name, String.class).orElse(null))) {
                continue;
            }
            String prefix = "mp.messaging.incoming." + channel.group(1) + ".";
            if ("ignore".equals(config.getOptionalValue(prefix + "commit-strategy", String.class).orElse(null))) {
                continue; // a group that commits nothing (publish-service's live readers) has no lag to read
            }
            config.getOptionalValue(prefix + "group.id", String.class).ifPresent(group -> subscriptions.add(
                    new ConsumerLag.Subscription(group, config.getOptionalValue(prefix + "topic", String.class)
                            .orElse(channel.group(1)))));
        }
        return subscriptions;
    }
}
