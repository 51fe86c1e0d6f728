package io.newsflow.enrichment;

/**
 * Told how long each enricher took on each article and whether it succeeded: the service turns this into metrics
 * without the engine knowing any metrics library.
 */
@FunctionalInterface
public interface StepListener {

    StepListener NONE = (enricher, succeeded, nanos) -> {
    };

    void stepFinished(String enricher, boolean succeeded, long nanos);
}
