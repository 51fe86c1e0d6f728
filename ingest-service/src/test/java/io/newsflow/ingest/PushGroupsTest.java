package io.newsflow.ingest;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Grouping of concurrent single pushes, with plain threads standing in for requests. Nothing else is involved. */
class PushGroupsTest {

    static final Duration LONG_WAIT = Duration.ofMinutes(5);

    final List<List<Integer>> groups = new CopyOnWriteArrayList<>();
    final CountDownLatch firstGroupMayEnd = new CountDownLatch(1);
    final ExecutorService callers = Executors.newCachedThreadPool();
    final List<Thread> callerThreads = new CopyOnWriteArrayList<>();
    final MeterRegistry metrics = new SimpleMeterRegistry();
    /** Whether the held first group was interrupted while it waited. */
    final AtomicBoolean firstGroupInterrupted = new AtomicBoolean();

    @AfterEach
    void stopCallers() {
        firstGroupMayEnd.countDown();
        callers.shutdownNow();
    }

    /** Answers ten times each push; the first group waits until the test lets it end. */
    List<Integer> decide(List<Integer> group) {
        groups.add(group);
        if (groups.size() == 1) {
            try {
                firstGroupMayEnd.await();
            } catch (InterruptedException e) {
                firstGroupInterrupted.set(true);
                Thread.currentThread().interrupt();
            }
        }
        return group.stream().map(push -> push * 10).toList();
    }

    /** Grouping with {@link #decide}, waits and grace long enough never to matter. */
    PushGroups<Integer, Integer> pushGroups(int runners, int maxSize) {
        return new PushGroups<>("test", runners, maxSize, LONG_WAIT, LONG_WAIT, metrics, this::decide);
    }

    /** Pushes 1 and answers once its group is being decided, and held. */
    Future<Integer> holdTheFirstGroup(PushGroups<Integer, Integer> pushGroups) {
        Future<Integer> held = push(pushGroups, 1);
        await().until(() -> groups.size() == 1);
        return held;
    }

    Future<Integer> push(PushGroups<Integer, Integer> pushGroups, int push) {
        return callers.submit(() -> {
            callerThreads.add(Thread.currentThread());
            return pushGroups.decide(push);
        });
    }

    /** Pushes 1, then 2..n while the first is being decided; answers once those are all waiting in the queue. */
    List<Future<Integer>> pushWhileTheFirstIsDecided(PushGroups<Integer, Integer> pushGroups, int n) {
        List<Future<Integer>> answers = new ArrayList<>();
        answers.add(push(pushGroups, 1));
        await().until(() -> groups.size() == 1);
        for (int i = 2; i <= n; i++) {
            answers.add(push(pushGroups, i));
        }
        // Parked in the timed wait for their outcome, and for a while: a caller briefly parked on the queue's own
        // lock waits untimed and is woken at once.
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(10)).until(() -> callerThreads.size() == n
                && callerThreads.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING));
        return answers;
    }

    /** Pushes 1..6 as {@link #pushWhileTheFirstIsDecided} does with one runner, then lets all be decided. */
    void pushSixWhileTheFirstIsDecided(int maxSize) throws Exception {
        try (PushGroups<Integer, Integer> pushGroups = pushGroups(1, maxSize)) {
            List<Future<Integer>> answers = pushWhileTheFirstIsDecided(pushGroups, 6);
            firstGroupMayEnd.countDown();
            for (Future<Integer> answer : answers) {
                answer.get();
            }
        }
    }

    @Test
    void decidesThePushesThatArriveDuringAGroupAsTheNextGroupAndAnswersEachCallerItsOwnOutcome() throws Exception {
        try (PushGroups<Integer, Integer> pushGroups = pushGroups(1, 64)) {
            List<Future<Integer>> answers = pushWhileTheFirstIsDecided(pushGroups, 6);
            firstGroupMayEnd.countDown();

            for (int i = 0; i < answers.size(); i++) {
                assertEquals((i + 1) * 10, answers.get(i).get());
            }
            assertEquals(List.of(1), groups.get(0));
            assertEquals(List.of(2, 3, 4, 5, 6), groups.get(1).stream().sorted().toList());
            assertEquals(2, groups.size());
        }
    }

    @Test
    void recordsTheSizeOfEachGroupAndHowLongItsPushesWaitedForIt() throws Exception {
        pushSixWhileTheFirstIsDecided(64);

        DistributionSummary size = metrics.get("newsflow.ingest.push.group.size").summary();
        assertEquals(2, size.count(), "two groups");
        assertEquals(6, size.totalAmount(), "six pushes");
        assertEquals(5, size.max(), "the second group held five");
        Timer wait = metrics.get("newsflow.ingest.push.group.wait").timer();
        assertEquals(6, wait.count(), "one wait per push");
        // Pushes 2..6 were queued while the first group was held for at least 200 ms.
        assertTrue(wait.max(TimeUnit.MILLISECONDS) >= 200, wait.max(TimeUnit.MILLISECONDS) + " ms");
    }

    @Test
    void countsEachPushAsAGroupOfOneWhenGroupingIsOff() {
        try (PushGroups<Integer, Integer> pushGroups = new PushGroups<>("test", 2, 1, LONG_WAIT, LONG_WAIT, metrics,
                group -> group)) {
            pushGroups.decide(1);
            pushGroups.decide(2);
        }
        DistributionSummary size = metrics.get("newsflow.ingest.push.group.size").summary();
        assertEquals(2, size.count());
        assertEquals(1, size.max());
    }

    @Test
    void neverPutsMoreThanMaxSizePushesInOneGroup() throws Exception {
        pushSixWhileTheFirstIsDecided(2);

        assertEquals(List.of(1, 2, 2, 1), groups.stream().map(List::size).toList());
    }

    @Test
    void decidesAPushAtOnceWhenARunnerIsIdle() throws Exception {
        // The first group is held; the second runner takes the next push alone instead of waiting for the first.
        try (PushGroups<Integer, Integer> pushGroups = pushGroups(2, 64)) {
            Future<Integer> held = holdTheFirstGroup(pushGroups);
            assertEquals(20, push(pushGroups, 2).get(10, TimeUnit.SECONDS));
            assertEquals(List.of(2), groups.get(1), "decided alone");
            assertTrue(!held.isDone());
            firstGroupMayEnd.countDown();
            assertEquals(10, held.get());
        }
    }

    @Test
    void groupsOfOneAreDecidedOnTheCallersOwnThread() {
        List<Thread> deciders = new CopyOnWriteArrayList<>();
        try (PushGroups<Integer, Integer> pushGroups = new PushGroups<>("test", 2, 1, LONG_WAIT, LONG_WAIT, metrics,
                group -> {
                    deciders.add(Thread.currentThread());
                    return group;
                })) {
            assertEquals(5, pushGroups.decide(5));
            assertEquals(List.of(Thread.currentThread()), deciders);
        }
    }

    @Test
    void answersBusyToAPushNoGroupTookInTimeAndNeverDecidesIt() throws Exception {
        // One runner, held by the first group: the second push cannot be taken within the second it may wait.
        try (PushGroups<Integer, Integer> pushGroups = new PushGroups<>("test", 1, 64, Duration.ofSeconds(1), LONG_WAIT,
                metrics, this::decide)) {
            Future<Integer> held = holdTheFirstGroup(pushGroups);

            Throwable cause = assertThrows(Exception.class, () -> push(pushGroups, 2).get(10, TimeUnit.SECONDS))
                    .getCause();
            assertTrue(cause instanceof ServiceBusyException, String.valueOf(cause));
            assertEquals(1, metrics.get("newsflow.ingest.push.busy").counter().count());

            firstGroupMayEnd.countDown();
            assertEquals(10, held.get(10, TimeUnit.SECONDS), "its group had started: it waited past the limit");
            assertEquals(30, pushGroups.decide(3));
            assertEquals(List.of(List.of(1), List.of(3)), groups, "the push answered busy was never decided");
        }
    }

    @Test
    void aQueuedPushWhoseCallerIsInterruptedIsNeverDecidedAndTheCallerKeepsItsInterrupt() throws Exception {
        try (PushGroups<Integer, Integer> pushGroups = pushGroups(1, 64)) {
            Future<Integer> held = holdTheFirstGroup(pushGroups);
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicBoolean stillInterrupted = new AtomicBoolean();
            Thread caller = new Thread(() -> {
                try {
                    pushGroups.decide(2);
                } catch (RuntimeException e) {
                    thrown.set(e);
                }
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            caller.start();
            await().until(() -> caller.getState() == Thread.State.TIMED_WAITING);

            caller.interrupt();
            caller.join(10_000);

            assertTrue(thrown.get() instanceof ServiceStoppingException, String.valueOf(thrown.get()));
            assertTrue(stillInterrupted.get());
            firstGroupMayEnd.countDown();
            assertEquals(10, held.get(10, TimeUnit.SECONDS));
            assertEquals(30, pushGroups.decide(3));
            assertEquals(List.of(List.of(1), List.of(3)), groups, "the interrupted push was never decided");
        }
    }

    static Stream<Throwable> groupFailures() {
        return Stream.of(new IllegalStateException("MongoDB did not answer"),
                new ExceptionInInitializerError("a class of the decision failed to load"));
    }

    /** What fails a group, an exception or an Error, reaches that group's callers as itself and no one else's. */
    @ParameterizedTest
    @MethodSource("groupFailures")
    void aGroupThatFailsFailsItsOwnPushesOnlyWithWhatFailedItAndTheRunnerGoesOn(Throwable failure) {
        Function<List<Integer>, List<Integer>> failsOnSeven = group -> {
            if (group.contains(7)) {
                if (failure instanceof Error error) {
                    throw error;
                }
                throw (RuntimeException) failure;
            }
            return group;
        };
        try (PushGroups<Integer, Integer> pushGroups = new PushGroups<>("test", 1, 64, LONG_WAIT, LONG_WAIT, metrics,
                failsOnSeven)) {
            assertSame(failure, assertThrows(Throwable.class, () -> pushGroups.decide(7)));
            assertEquals(8, pushGroups.decide(8));
        }
    }

    @Test
    void refusesAQueueWaitThatIsNotPositive() {
        for (Duration wait : new Duration[] {null, Duration.ZERO, Duration.ofSeconds(-1)}) {
            assertThrows(IllegalArgumentException.class,
                    () -> new PushGroups<Integer, Integer>("test", 1, 64, wait, LONG_WAIT, metrics, this::decide)
                            .close());
        }
    }

    @Test
    void stoppingFailsThePushesStillQueuedAtOnceAndLetsTheGroupInProgressFinish() throws Exception {
        PushGroups<Integer, Integer> pushGroups = pushGroups(1, 64);
        List<Future<Integer>> answers = pushWhileTheFirstIsDecided(pushGroups, 3);

        Future<?> closing = callers.submit(pushGroups::close);

        for (Future<Integer> queued : answers.subList(1, 3)) {
            Throwable cause = assertThrows(Exception.class, () -> queued.get(10, TimeUnit.SECONDS))
                    .getCause();
            assertTrue(cause instanceof ServiceStoppingException, String.valueOf(cause));
        }
        assertThrows(ServiceStoppingException.class, () -> pushGroups.decide(4));
        assertFalse(closing.isDone(), "waits for the group in progress");
        firstGroupMayEnd.countDown();
        assertEquals(10, answers.get(0).get(10, TimeUnit.SECONDS));
        closing.get(10, TimeUnit.SECONDS);
        assertFalse(firstGroupInterrupted.get(), "finished, not interrupted");
        assertEquals(List.of(List.of(1)), groups, "nothing queued was decided after the stop");
    }

    @Test
    void stoppingInterruptsAGroupThatOverrunsTheGraceAndFailsItsPushes() throws Exception {
        PushGroups<Integer, Integer> pushGroups = new PushGroups<>("test", 1, 64, LONG_WAIT, Duration.ofMillis(300),
                metrics, group -> {
                    groups.add(group);
                    try {
                        firstGroupMayEnd.await();
                    } catch (InterruptedException e) {
                        firstGroupInterrupted.set(true);
                        throw new ServiceStoppingException();
                    }
                    return group;
                });
        Future<Integer> held = holdTheFirstGroup(pushGroups);

        pushGroups.close();

        await().atMost(Duration.ofSeconds(10)).untilTrue(firstGroupInterrupted);
        Throwable cause = assertThrows(Exception.class, () -> held.get(10, TimeUnit.SECONDS)).getCause();
        assertTrue(cause instanceof ServiceStoppingException, String.valueOf(cause));
    }
}
