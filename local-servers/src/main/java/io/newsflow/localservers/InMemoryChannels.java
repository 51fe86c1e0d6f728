package io.newsflow.localservers;

import java.util.HashMap;
import java.util.Map;

/**
 * Configuration that puts a service's channels on SmallRye's in-memory connector, for {@code @QuarkusTest}s of the
 * fast tier that run without a broker (with {@link RealServersResource}'s {@code kafka=false}).
 */
public final class InMemoryChannels {

    private InMemoryChannels() {
    }

    /** @param channels {@code incoming.<name>} or {@code outgoing.<name>}, as in {@code mp.messaging.*} */
    public static Map<String, String> of(String... channels) {
        Map<String, String> config = new HashMap<>();
        for (String channel : channels) {
            config.put("mp.messaging." + channel + ".connector", "smallrye-in-memory");
        }
        // No broker to ask about.
        config.put("quarkus.kafka.health.enabled", "false");
        return config;
    }
}
