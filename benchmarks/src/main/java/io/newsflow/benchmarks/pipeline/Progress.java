package io.newsflow.benchmarks.pipeline;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Prints a line every two seconds while a run goes on, so that a stalled pipeline shows at once. */
final class Progress implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors
            .newSingleThreadScheduledExecutor(Visibility.daemon("progress"));

    Progress(Supplier<String> line) {
        timer.scheduleAtFixedRate(() -> {
            try {
                System.out.println(line.get());
            } catch (RuntimeException e) {
                // An exception would cancel the schedule; a progress line is not worth that.
                System.out.println("  (no progress line: " + e + ")");
            }
        }, 2, 2, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** The rate at which a count grows, per second, between one call and the next. */
    static final class Rate {

        private long lastCount;
        private long lastNanos = System.nanoTime();

        synchronized double of(long count) {
            long now = System.nanoTime();
            double rate = (count - lastCount) * 1e9 / Math.max(1, now - lastNanos);
            lastCount = count;
            lastNanos = now;
            return rate;
        }
    }
}
