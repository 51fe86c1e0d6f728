package io.newsflow.stage;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings every stage shares, under {@code newsflow.stage}. */
@ConfigMapping(prefix = "newsflow.stage")
public interface StageConfig {

    /**
     * How often the lag of this service's consumer groups is read from Kafka ({@code newsflow_consumer_lag}); two
     * admin requests per group each time. {@code 0} turns it off.
     */
    @WithDefault("15s")
    Duration lagInterval();
}
