package io.newsflow.publish.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The real backoff with its randomness pinned or sampled; nothing is faked. */
class RetryDelaysTest {

    @Test
    void backoffDoublesFromOneSecondUpToTenMinutes() {
        assertEquals(Duration.ofSeconds(1), RetryDelays.ceiling(1));
        assertEquals(Duration.ofSeconds(2), RetryDelays.ceiling(2));
        assertEquals(Duration.ofSeconds(4), RetryDelays.ceiling(3));
        assertEquals(Duration.ofSeconds(512), RetryDelays.ceiling(10));
        assertEquals(Duration.ofMinutes(10), RetryDelays.ceiling(11));
        assertEquals(Duration.ofMinutes(10), RetryDelays.ceiling(Integer.MAX_VALUE));
    }

    @Test
    void backoffJitterStaysBetweenHalfAndAllOfTheCeiling() {
        assertEquals(Duration.ofMillis(2000), RetryDelays.backoff(3, 0));
        assertEquals(Duration.ofMillis(3000), RetryDelays.backoff(3, 0.5));
        assertEquals(Duration.ofMillis(4000), RetryDelays.backoff(3, Math.nextDown(1.0)));
        for (int attempt = 1; attempt <= 40; attempt++) {
            Duration ceiling = RetryDelays.ceiling(attempt);
            for (int sample = 0; sample < 50; sample++) {
                Duration wait = RetryDelays.backoff(attempt);
                assertTrue(wait.compareTo(ceiling.dividedBy(2)) >= 0 && wait.compareTo(ceiling) <= 0,
                        attempt + ": " + wait);
            }
        }
    }

    @Test
    void backoffCountsAttemptsFromOne() {
        assertThrows(IllegalArgumentException.class, () -> RetryDelays.backoff(0));
        assertThrows(IllegalArgumentException.class, () -> RetryDelays.backoff(1, 1.0));
    }
}
