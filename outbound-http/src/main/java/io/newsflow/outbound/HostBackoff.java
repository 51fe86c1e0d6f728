package io.newsflow.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * When each host may be asked again after it said it was overloaded (429 or 503). A {@code Retry-After} is honoured
 * up to a day, so a misconfigured server cannot silence a feed for good; without one the wait doubles with each
 * refusal in a row, from a minute up to an hour. Any other answer from the host clears its record. The records are
 * kept by a {@link HostRefusals}, this process's own or one every instance shares. Thread-safe.
 */
final class HostBackoff {

    static final Duration FIRST_WAIT = Duration.ofMinutes(1);
    static final Duration LONGEST_WAIT = Duration.ofHours(1);
    static final Duration LONGEST_RETRY_AFTER = Duration.ofDays(1);

    private final HostRefusals refusals;
    private final Clock clock;

    HostBackoff(Clock clock) {
        this(HostRefusals.inMemory(), clock);
    }

    HostBackoff(HostRefusals refusals, Clock clock) {
        this.refusals = refusals;
        this.clock = clock;
    }

    /** {@link Instant#EPOCH}, or another past instant, when the host may be asked now. */
    Instant notBefore(String host) {
        return standing(host).map(HostRefusals.Refusal::notBefore).orElse(Instant.EPOCH);
    }

    /** The host's refusal on record, if any: one read of the store, kept by a fetch until the host answers. */
    Optional<HostRefusals.Refusal> standing(String host) {
        return refusals.of(key(host));
    }

    void refused(String host, Duration retryAfter) {
        int inARow = refusals.refused(key(host));
        Duration wait = retryAfter != null ? min(retryAfter, LONGEST_RETRY_AFTER) : exponential(inARow);
        refusals.notBefore(key(host), clock.instant().plus(wait));
    }

    /** The host answered after {@code seen} was read: that refusal is over, unless a newer one was counted. */
    void answered(String host, HostRefusals.Refusal seen) {
        refusals.answered(key(host), seen);
    }

    /**
     * Reads {@code Retry-After} as seconds or as an HTTP date; a date in the past means now. Empty when the header
     * is absent or unreadable.
     */
    Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        if (value.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            } catch (NumberFormatException e) {
                // More digits than a long holds: as good as forever, the cap decides.
                return Optional.of(LONGEST_RETRY_AFTER);
            }
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(clock.instant(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration exponential(int refusals) {
        // Past 2^6 minutes the cap applies anyway; stopping the shift there keeps it from overflowing.
        return min(FIRST_WAIT.multipliedBy(1L << Math.min(refusals - 1, 6)), LONGEST_WAIT);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static String key(String host) {
        return host.toLowerCase(Locale.ROOT);
    }
}
