package io.newsflow.outbound;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The real signer against the published HMAC test vectors (RFC 4231, RFC 2202); nothing is faked. */
class HmacSignaturesTest {

    private static final byte[] BODY = "{\"id\":\"5f1c2a\",\"title\":\"Rabat\"}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RFC_DATA = "what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII);

    @Test
    void signsAsHexHmacSha256WithTheSha256Prefix() {
        // RFC 4231 test case 2.
        assertEquals("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                HmacSignatures.sha256("Jefe", RFC_DATA));
    }

    @Test
    void computesEveryWebSubMethodAsItsRfcVectorSays() {
        // RFC 2202 test case 2 (SHA-1), RFC 4231 test case 2 (SHA-384, SHA-512).
        assertArrayEquals(HexFormat.of().parseHex("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
                HmacSignatures.hmac("sha1", "Jefe", RFC_DATA));
        assertArrayEquals(HexFormat.of().parseHex("af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e"
                + "8e2240ca5e69e2c78b3239ecfab21649"), HmacSignatures.hmac("sha384", "Jefe", RFC_DATA));
        assertArrayEquals(HexFormat.of().parseHex("164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea250554"
                + "9758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"),
                HmacSignatures.hmac("sha512", "Jefe", RFC_DATA));
    }

    @Test
    void verifiesOnlyTheExactBodyUnderTheSameSecret() {
        String header = HmacSignatures.sha256("s3cret", BODY);
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 2] ^= 1;

        assertTrue(HmacSignatures.verify("s3cret", BODY, header));
        assertTrue(HmacSignatures.verify("s3cret", BODY, header.toUpperCase()));
        assertFalse(HmacSignatures.verify("s3cret", tampered, header));
        assertFalse(HmacSignatures.verify("other", BODY, header));
    }

    @Test
    void verifiesAWebSubSha1SignatureAndNoSignatureUnderAnotherMethodsName() {
        String sha1 = "sha1=" + HexFormat.of().formatHex(HmacSignatures.hmac("sha1", "s3cret", BODY));
        String sha256Hex = HmacSignatures.sha256("s3cret", BODY).substring("sha256=".length());

        assertTrue(HmacSignatures.verify("s3cret", BODY, sha1));
        assertFalse(HmacSignatures.verify("s3cret", BODY, "sha1=" + sha256Hex));
        assertFalse(HmacSignatures.verify("s3cret", BODY, "sha512=" + sha256Hex));
    }

    @Test
    void rejectsMissingOrMalformedHeaders() {
        String hex = HmacSignatures.sha256("s3cret", BODY).substring("sha256=".length());

        assertFalse(HmacSignatures.verify("s3cret", BODY, null));
        assertFalse(HmacSignatures.verify("s3cret", BODY, ""));
        assertFalse(HmacSignatures.verify("s3cret", BODY, hex));
        assertFalse(HmacSignatures.verify("s3cret", BODY, "md5=" + hex));
        assertFalse(HmacSignatures.verify("s3cret", BODY, "sha256=zz" + hex.substring(2)));
        assertFalse(HmacSignatures.verify("s3cret", BODY, "sha256=" + hex.substring(2)));
        assertFalse(HmacSignatures.verify("s3cret", BODY, "sha256="));
    }

    @Test
    void refusesAnEmptySecret() {
        assertThrows(IllegalArgumentException.class, () -> HmacSignatures.sha256("", BODY));
        assertThrows(IllegalArgumentException.class, () -> HmacSignatures.verify(null, BODY, "sha256=00"));
    }
}
