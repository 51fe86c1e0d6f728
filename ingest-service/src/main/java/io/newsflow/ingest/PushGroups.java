package io.newsflow.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Decides the single pushes that arrive together as one group (docs/adr/0013). A push of one article costs the same
 * round trips as a batch of many (a read of registrations, a bulk reservation, a wait for Kafka's acknowledgements, a
 * bulk confirmation), so concurrent requests share them: each caller queues its push and waits; a few runner
 * threads each take everything queued (up to {@code maxSize}) and decide it as one batch. Nothing waits for a group to
 * fill: a push that finds a runner idle is decided at once, alone, and under load the groups grow by themselves with
 * what arrived during the previous group's round trips ("natural batching").
 *
 * <p>Only a grouping for throughput: correctness across pushes and instances still comes from the registry's
 * conditional writes, as for any batch. The queue holds at most one entry per waiting caller, and callers are
 * request and poller threads, themselves bounded by their pools. A push still queued after {@code maxQueueWait} is
 * taken out undecided and answered {@link ServiceBusyException}: under more load than the service carries, callers
 * hear so in bounded time instead of waiting behind every group before them. A push whose group started is never
 * abandoned: its article may already be on its way to Kafka, and its caller waits for the outcome.
 *
 * <p>Meters tell an operator whether grouping pays and what it costs: {@code newsflow.ingest.push.group.size}
 * (pushes per decided group), {@code newsflow.ingest.push.group.wait} (how long a queued push waited for its group
 * to start) and {@code newsflow.ingest.push.busy} (pushes answered busy). Large groups with short waits are the goal;
 * groups of one with long waits mean too few runners; busy pushes, more load than the service carries.
 *
 * @param <T> a push
 * @param <R> its outcome
 */
final class PushGroups<T, R> implements AutoCloseable {

    private static final long IDLE_CHECK_MILLIS = 100;

    private final BlockingQueue<Waiting<T, R>> queue = new LinkedBlockingQueue<>();
    private final Function<List<T>, List<R>> decide;
    private final int maxSize;
    private final Duration maxQueueWait;
    private final Duration stopGrace;
    private volatile boolean stopping;
    private final ExecutorService runners;
    private final DistributionSummary groupSize;
    private final Timer groupWait;
    private final Counter busy;

    /**
     * @param name    prefix of the runner threads' names
     * @param runners groups decided at the same time: while one group waits for Kafka, the next is read and reserved
     * @param maxSize most pushes in one group; 1 decides each push on its own
     * @param maxQueueWait longest a push waits in the queue before it is answered {@link ServiceBusyException}
     * @param stopGrace    how long {@link #close()} lets the groups in progress finish before it interrupts them
     * @param metrics where the group size and queue wait are recorded
     * @param decide  decides a group, answering one outcome per push, in order
     */
    PushGroups(String name, int runners, int maxSize, Duration maxQueueWait, Duration stopGrace,
            MeterRegistry metrics, Function<List<T>, List<R>> decide) {
        if (runners < 1 || maxSize < 1) {
            throw new IllegalArgumentException("runners and maxSize must be at least 1: " + runners + ", " + maxSize);
        }
        if (maxQueueWait == null || maxQueueWait.isNegative() || maxQueueWait.isZero()) {
            throw new IllegalArgumentException("maxQueueWait must be positive: " + maxQueueWait);
        }
        if (stopGrace == null || stopGrace.isNegative()) {
            throw new IllegalArgumentException("stopGrace must not be negative: " + stopGrace);
        }
        this.decide = decide;
        this.maxSize = maxSize;
        this.maxQueueWait = maxQueueWait;
        this.stopGrace = stopGrace;
        this.busy = Counter.builder("newsflow.ingest.push.busy")
                .description("Single pushes no group took in time, answered 503 undecided").register(metrics);
        this.groupSize = DistributionSummary.builder("newsflow.ingest.push.group.size")
                .description("Single pushes decided together as one group").register(metrics);
        this.groupWait = Timer.builder("newsflow.ingest.push.group.wait")
                .description("Time a single push waited in the queue until its group started").register(metrics);
        AtomicInteger number = new AtomicInteger();
        this.runners = Executors.newFixedThreadPool(runners, task -> {
            Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // Groups of one need no runner: each is decided on its caller's thread, as without grouping.
        for (int i = 0; i < runners && maxSize > 1; i++) {
            this.runners.execute(this::run);
        }
    }

    /** Decides {@code push} with whatever else is waiting, and answers its outcome; rethrows what failed its group. */
    R decide(T push) {
        if (maxSize == 1) {
            groupSize.record(1);
            return decide.apply(List.of(push)).get(0);
        }
        Waiting<T, R> waiting = new Waiting<>(push);
        if (runners.isShutdown()) {
            throw new ServiceStoppingException();
        }
        queue.add(waiting);
        if (runners.isShutdown() && queue.remove(waiting)) {
            // Stopped between the check and the queueing: no runner is left to take it.
            throw new ServiceStoppingException();
        }
        try {
            // Saturates where Duration.toNanos() would overflow.
            return waiting.outcome.get(TimeUnit.NANOSECONDS.convert(maxQueueWait), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (queue.remove(waiting)) {
                // No runner took it: nothing of it was decided.
                busy.increment();
                throw new ServiceBusyException(maxQueueWait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (queue.remove(waiting)) {
                throw new ServiceStoppingException();
            }
        } catch (ExecutionException e) {
            throw unwrapped(e.getCause());
        }
        // Its group started: wait for its outcome, whatever the time (bounded by the group's own timeouts, a round
        // of publish-timeout at most for each push of one article in the group).
        try {
            return waiting.outcome.join();
        } catch (CompletionException e) {
            throw unwrapped(e.getCause());
        }
    }

    /** What failed the group, as it was thrown: an Error stays an Error, not a CompletionException's cause. */
    private static RuntimeException unwrapped(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return failure instanceof RuntimeException runtime ? runtime : new CompletionException(failure);
    }

    private void run() {
        List<Waiting<T, R>> group = new ArrayList<>(maxSize);
        while (true) {
            Waiting<T, R> first;
            try {
                // Polled, not taken: an idle runner sees the stop without an interrupt, which is kept for a group
                // that overruns the grace.
                first = queue.poll(IDLE_CHECK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                if (stopping) {
                    return;
                }
                continue;
            }
            group.add(first);
            queue.drainTo(group, maxSize - 1);
            long started = System.nanoTime();
            groupSize.record(group.size());
            group.forEach(waiting -> groupWait.record(started - waiting.queuedAt, TimeUnit.NANOSECONDS));
            try {
                List<R> outcomes = decide.apply(group.stream().map(waiting -> waiting.push).toList());
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).outcome.complete(outcomes.get(i));
                }
            } catch (Throwable e) {
                // Whatever it was, its callers hear of it and this runner goes on with the next group.
                group.forEach(waiting -> waiting.outcome.completeExceptionally(e));
            }
            group.clear();
        }
    }

    /**
     * Stops: pushes still queued fail at once (their publishers are told to push again), and the groups in progress
     * are let finish, for {@code stopGrace} at most, so that what they reserved is confirmed rather than left half
     * done; a group still running then is interrupted and its pushes fail.
     */
    @Override
    public void close() {
        stopping = true;
        runners.shutdown();
        failQueued();
        try {
            if (!runners.awaitTermination(TimeUnit.NANOSECONDS.convert(stopGrace), TimeUnit.NANOSECONDS)) {
                runners.shutdownNow();
            }
        } catch (InterruptedException e) {
            runners.shutdownNow();
            Thread.currentThread().interrupt();
        }
        failQueued();
    }

    private void failQueued() {
        List<Waiting<T, R>> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(waiting -> waiting.outcome.completeExceptionally(new ServiceStoppingException()));
    }

    /** A caller's push in the queue; equal only to itself, so that a caller giving up removes its own entry. */
    private static final class Waiting<T, R> {
        final T push;
        final long queuedAt = System.nanoTime();
        final CompletableFuture<R> outcome = new CompletableFuture<>();

        Waiting(T push) {
            this.push = push;
        }
    }
}
