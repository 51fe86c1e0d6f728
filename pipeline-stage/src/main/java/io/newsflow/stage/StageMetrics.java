package io.newsflow.stage;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The same figures for each stage of the pipeline (ingest, enrich, publish), so that one dashboard and
 * {@code ./newsflow status} read every stage alike: {@code newsflow_stage_articles_total{stage, outcome}} with
 * outcome {@code in} (taken in), {@code out} (passed on: emitted, enriched, stored), {@code failed} (not accepted,
 * to be sent again) and {@code dead-lettered}; and {@code newsflow_stage_seconds{stage}}, a histogram of the time of
 * one unit of work (a request or batch for ingest, an article for enrich, a poll for publish).
 */
public final class StageMetrics {

    private StageMetrics() {
    }

    /** Counts one unit of work started at {@code started} and what became of its articles. */
    public static void record(MeterRegistry metrics, String stage, Timer.Sample started, long in, long out,
            long failed, long deadLettered) {
        started.stop(Timer.builder("newsflow.stage.seconds").tag("stage", stage).publishPercentileHistogram()
                .description("Time of one unit of work of the stage").register(metrics));
        count(metrics, stage, "in", in);
        count(metrics, stage, "out", out);
        count(metrics, stage, "failed", failed);
        count(metrics, stage, "dead-lettered", deadLettered);
    }

    private static void count(MeterRegistry metrics, String stage, String outcome, long n) {
        // Registered at zero too, so that every series exists from the first unit of work on.
        metrics.counter("newsflow.stage.articles", "stage", stage, "outcome", outcome).increment(n);
    }
}
