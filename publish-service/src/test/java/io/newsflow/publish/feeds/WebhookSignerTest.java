package io.newsflow.publish.feeds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The real signer against a published HMAC-SHA256 test vector, and the real backoff with its randomness pinned or
 * sampled; nothing is faked.
 */
class WebhookSignerTest {

    private static final byte[] BODY = "{\"id\":\"5f1c2a\",\"title\":\"Rabat\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsAsHexHmacSha256WithTheSha256Prefix() {
        // RFC 4231 test case 2.
        assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                WebhookSigner.signature("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void verifiesOnlyTheExactBodyUnderTheSameSecret() {
        String header = WebhookSigner.signature("s3cret", BODY);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 2] ^= 1;

        assertTrue(WebhookSigner.verify("s3cret", BODY, header));
        assertTrue(WebhookSigner.verify("s3cret", BODY, header.toUpperCase().replace("SHA256=", "sha256=")));
        assertFalse(WebhookSigner.verify("s3cret", tampered, header));
        assertFalse(WebhookSigner.verify("other", BODY, header));
    }

    @Test
    void rejectsMissingOrMalformedHeaders() {
        String hex = WebhookSigner.signature("s3cret", BODY).substring("sha256=".length());

        assertFalse(WebhookSigner.verify("s3cret", BODY, null));
        assertFalse(WebhookSigner.verify("s3cret", BODY, ""));
        assertFalse(WebhookSigner.verify("s3cret", BODY, hex));
        assertFalse(WebhookSigner.verify("s3cret", BODY, "sha1=" + hex));
        assertFalse(WebhookSigner.verify("s3cret", BODY, "sha256=zz" + hex.substring(2)));
        assertFalse(WebhookSigner.verify("s3cret", BODY, "sha256=" + hex.substring(2)));
        assertFalse(WebhookSigner.verify("s3cret", BODY, "sha256="));
    }

    @Test
    void refusesAnEmptySecret() {
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.signature("", BODY));
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.verify(null, BODY, "sha256=00"));
    }

    @Test
    void backoffDoublesFromOneSecondUpToTenMinutes() {
        assertEquals(Duration.ofSeconds(1), WebhookSigner.ceiling(1));
        assertEquals(Duration.ofSeconds(2), WebhookSigner.ceiling(2));
        assertEquals(Duration.ofSeconds(4), WebhookSigner.ceiling(3));
        assertEquals(Duration.ofSeconds(512), WebhookSigner.ceiling(10));
        assertEquals(Duration.ofMinutes(10), WebhookSigner.ceiling(11));
        assertEquals(Duration.ofMinutes(10), WebhookSigner.ceiling(Integer.MAX_VALUE));
    }

    @Test
    void backoffJitterStaysBetweenHalfAndAllOfTheCeiling() {
        assertEquals(Duration.ofMillis(2000), WebhookSigner.backoff(3, 0));
        assertEquals(Duration.ofMillis(3000), WebhookSigner.backoff(3, 0.5));
        assertEquals(Duration.ofMillis(4000), WebhookSigner.backoff(3, Math.nextDown(1.0)));
        for (int attempt = 1; attempt <= 40; attempt++) {
            Duration ceiling = WebhookSigner.ceiling(attempt);
            for (int sample = 0; sample < 50; sample++) {
                Duration wait = WebhookSigner.backoff(attempt);
                assertTrue(wait.compareTo(ceiling.dividedBy(2)) >= 0 && wait.compareTo(ceiling) <= 0,
                        attempt + ": " + wait);
            }
        }
    }

    @Test
    void backoffCountsAttemptsFromOne() {
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.backoff(0));
        assertThrows(IllegalArgumentException.class, () -> WebhookSigner.backoff(1, 1.0));
    }
}
