package io.newsflow.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The real backoff bookkeeping on a fixed clock, so waits are exact; nothing else involved. */
class HostBackoffTest {

    private static final Instant NOW = Instant.parse("2023-01-18T14:20:00Z");

    private final HostBackoff backoff = new HostBackoff(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void readsRetryAfterInSecondsOrAsAnHttpDate() {
        assertEquals(Optional.of(Duration.ofSeconds(7)), backoff.retryAfter("7"));
        assertEquals(Optional.of(Duration.ofSeconds(90)), backoff.retryAfter("Wed, 18 Jan 2023 14:21:30 GMT"));
        assertEquals(Optional.of(Duration.ZERO), backoff.retryAfter("Wed, 18 Jan 2023 14:00:00 GMT"));
        assertEquals(Optional.empty(), backoff.retryAfter("soon"));
        assertEquals(Optional.empty(), backoff.retryAfter(null));
    }

    @Test
    void capsRetryAfterAtADay() {
        backoff.refused("example.com", Duration.ofDays(30));

        assertEquals(NOW.plus(Duration.ofDays(1)), backoff.notBefore("example.com"));
        assertEquals(Optional.of(HostBackoff.LONGEST_RETRY_AFTER), backoff.retryAfter("99999999999999999999999"));
    }

    @Test
    void doublesEachRefusalInARowUpToAnHour() {
        for (int i = 0; i < 10; i++) {
            backoff.refused("Example.com", null);
        }
        backoff.refused("other.example", null);
        backoff.refused("other.example", null);

        assertEquals(NOW.plus(Duration.ofHours(1)), backoff.notBefore("example.com"));
        assertEquals(NOW.plus(Duration.ofMinutes(2)), backoff.notBefore("OTHER.example"));
    }

    @Test
    void forgetsAHostThatAnswersAgain() {
        backoff.refused("example.com", Duration.ofSeconds(30));
        backoff.answered("example.com", backoff.standing("example.com").orElseThrow());

        assertEquals(Instant.EPOCH, backoff.notBefore("example.com"));
    }

    @Test
    void anAnswerForgetsOnlyTheRefusalItHadReadNotOneCountedSince() {
        HostRefusals shared = HostRefusals.inMemory();
        HostBackoff one = new HostBackoff(shared, Clock.fixed(NOW, ZoneOffset.UTC));
        one.refused("example.com", null);
        HostRefusals.Refusal read = one.standing("example.com").orElseThrow();
        one.refused("example.com", null);

        one.answered("example.com", read);

        assertEquals(NOW.plus(Duration.ofMinutes(2)), one.notBefore("example.com"));
        one.answered("example.com", one.standing("example.com").orElseThrow());
        assertEquals(Instant.EPOCH, one.notBefore("example.com"));
    }
}
