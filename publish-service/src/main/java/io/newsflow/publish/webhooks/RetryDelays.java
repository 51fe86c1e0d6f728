package io.newsflow.publish.webhooks;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Spaces out the retries of a failed webhook delivery: exponential backoff with jitter, so that the retries to a
 * receiver that was down for everyone do not all arrive at the same moment.
 */
final class RetryDelays {

    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private RetryDelays() {
    }

    /**
     * How long to wait before delivery attempt {@code attempt + 1} after attempt {@code attempt} failed: a random
     * duration between half and all of 1 s, 2 s, 4 s… (doubling per attempt, at most 10 min). The randomness keeps
     * the retries to a receiver that was down for everyone from all arriving at the same moment.
     *
     * @param attempt the failed attempt, from 1
     */
    static Duration backoff(int attempt) {
        return backoff(attempt, ThreadLocalRandom.current().nextDouble());
    }

    /** {@link #backoff(int)} with its randomness given: {@code jitter} in [0, 1) picks within the bounds. */
    static Duration backoff(int attempt, double jitter) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1, got " + attempt);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
        long ceiling = ceiling(attempt).toMillis();
        return Duration.ofMillis(ceiling / 2 + Math.round(jitter * (ceiling - ceiling / 2)));
    }

    /** The longest wait after attempt {@code attempt}; the shortest is half of it. */
    static Duration ceiling(int attempt) {
        // Past 2^20 s the doubling is far beyond the cap, and shifting further would overflow.
        int doublings = Math.min(attempt - 1, 20);
        Duration exponential = FIRST_BACKOFF.multipliedBy(1L << doublings);
        return exponential.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : exponential;
    }
}
