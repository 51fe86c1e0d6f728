package io.newsflow.benchmarks.pipeline;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of latencies in milliseconds: every figure is a latency some article really had, never an
 * interpolation between two. All zero when {@code count} is 0.
 */
record Percentiles(int count, long p50, long p90, long p99, long max) {

    static Percentiles of(long[] values) {
        if (values.length == 0) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 90), rank(sorted, 99),
                sorted[sorted.length - 1]);
    }

    private static long rank(long[] sorted, int percent) {
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    /** A growing list of latencies that many threads add to. */
    static final class Recorder {

        private long[] values = new long[1024];
        private int size;

        synchronized void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        synchronized Percentiles percentiles() {
            return of(Arrays.copyOf(values, size));
        }
    }
}
