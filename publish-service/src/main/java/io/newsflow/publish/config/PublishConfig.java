package io.newsflow.publish.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of publish-service, under {@code newsflow.publish}. */
@ConfigMapping(prefix = "newsflow.publish")
public interface PublishConfig {

    /** MongoDB database holding the {@code articles} collection. */
    @WithDefault("newsflow")
    String database();

    /** Largest page {@code GET /articles} returns, whatever {@code limit} asks. */
    @WithDefault("100")
    int maxPageSize();

    /** Longest pause between two attempts to store an article while MongoDB is unreachable. */
    @WithDefault("PT5S")
    Duration maxStoreBackoff();
}
