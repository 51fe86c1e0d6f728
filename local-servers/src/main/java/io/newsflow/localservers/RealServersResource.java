package io.newsflow.localservers;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at the shared real servers of {@link RealServers}. Init arg {@code mongo=false} for
 * services that do not use MongoDB, {@code kafka=false} for tests whose channels are SmallRye's in-memory connector
 * (the broker is then not even started).
 */
public class RealServersResource implements QuarkusTestResourceLifecycleManager {

    private boolean mongo = true;
    private boolean kafka = true;

    @Override
    public void init(Map<String, String> initArgs) {
        mongo = !"false".equals(initArgs.get("mongo"));
        kafka = !"false".equals(initArgs.get("kafka"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        if (kafka) {
            config.put("kafka.bootstrap.servers", RealServers.kafkaBootstrapServers());
        }
        if (mongo) {
            config.put("quarkus.mongodb.connection-string", RealServers.mongoConnectionString());
        }
        return config;
    }

    @Override
    public void stop() {
        // The servers are shared by all test classes of this JVM and stop with it.
    }
}
