package io.newsflow.publish.feeds;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook deliveries the way GitHub-style receivers check them ({@code sha256=} and the hex HMAC-SHA256 of the
 * exact body bytes under the subscriber's secret), and spaces out retries of failed deliveries.
 */
public final class WebhookSigner {

    private static final String PREFIX = "sha256=";
    private static final String ALGORITHM = "HmacSHA256";
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    private WebhookSigner() {
    }

    /** The signature header value for {@code body}, e.g. {@code sha256=3f0a…}. */
    public static String signature(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(hmac(secret, body));
    }

    /**
     * Whether {@code header} is the signature of {@code body} under {@code secret}. The comparison takes the same
     * time wherever the first wrong byte is, so a forger cannot find the signature byte by byte.
     */
    public static boolean verify(String secret, byte[] body, String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(header.substring(PREFIX.length()).strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, body), claimed);
    }

    /**
     * How long to wait before delivery attempt {@code attempt + 1} after attempt {@code attempt} failed: a random
     * duration between half and all of 1 s, 2 s, 4 s… (doubling per attempt, at most 10 min). The randomness keeps
     * the retries to a receiver that was down for everyone from all arriving at the same moment.
     *
     * @param attempt the failed attempt, from 1
     */
    public static Duration backoff(int attempt) {
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

    private static byte[] hmac(String secret, byte[] body) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("A webhook secret must not be empty");
        }
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java platform must provide HmacSHA256, and any non-empty key is valid for it.
            throw new IllegalStateException(e);
        }
    }
}
