package io.newsflow.stage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The same figures for each stage of the pipeline (ingest, enrich, publish), so that one dashboard and
 * {@code ./newsflow status} read every stage alike: {@code newsflow_stage_articles_total{stage, outcome}} with
 * outcome {@code in} (taken in), {@code out} (passed on: emitted, enriched, stored), {@code failed} (not accepted,
 * to be sent again) and {@code dead-lettered}; and {@code newsflow_stage_seconds{stage}}, a histogram of the time of
 * one unit of work (an NDJSON batch or a group of single pushes for ingest, an article for enrich, a poll for publish).
 *
 * <p>One instance per stage, made where the stage's bean is: its meters are registered once, at zero, so that every
 * series exists from the start and recording one unit of work (once per article in enrich) looks nothing up.
 */
public final class StageMetrics {

    private final Timer seconds;
    private final Counter in;
    private final Counter out;
    private final Counter failed;
    private final Counter deadLettered;

    private StageMetrics(MeterRegistry metrics, String stage) {
        this.seconds = Timer.builder("newsflow.stage.seconds").tag("stage", stage).publishPercentileHistogram()
                .description("Time of one unit of work of the stage").register(metrics);
        this.in = counter(metrics, stage, "in");
        this.out = counter(metrics, stage, "out");
        this.failed = counter(metrics, stage, "failed");
        this.deadLettered = counter(metrics, stage, "dead-lettered");
    }

    /** The figures of {@code stage} in this registry. */
    public static StageMetrics of(MeterRegistry metrics, String stage) {
        return new StageMetrics(metrics, stage);
    }

    /** Counts one unit of work started at {@code started} and what became of its articles. */
    public void record(Timer.Sample started, long in, long out, long failed, long deadLettered) {
        started.stop(seconds);
        this.in.increment(in);
        this.out.increment(out);
        this.failed.increment(failed);
        this.deadLettered.increment(deadLettered);
    }

    private static Counter counter(MeterRegistry metrics, String stage, String outcome) {
        return metrics.counter("newsflow.stage.articles", "stage", stage, "outcome", outcome);
    }
}
