package io.newsflow.outbound;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Body signatures in the form {@code <method>=<hex HMAC>}: what Newsflow's webhook deliveries carry
 * ({@code X-Newsflow-Signature: sha256=…}, the way GitHub-style receivers check them) and what WebSub hubs send
 * ({@code X-Hub-Signature}, W3C WebSub 8: sha1, sha256, sha384 or sha512). One implementation for both, so that
 * the constant-time comparison and the parsing of a hostile header are written once.
 */
public final class HmacSignatures {

    private static final Map<String, String> ALGORITHMS = Map.of("sha1", "HmacSHA1", "sha256", "HmacSHA256",
            "sha384", "HmacSHA384", "sha512", "HmacSHA512");

    private HmacSignatures() {
    }

    /** {@code sha256=<hex>} of {@code body} under {@code secret}. */
    public static String sha256(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac("sha256", secret, body));
    }

    /**
     * Whether {@code header} is a valid signature of {@code body} under {@code secret}, by any of the methods
     * above (the method name is case-insensitive). The comparison takes the same time wherever the first wrong byte
     * is, so a forger cannot find the signature byte by byte. A malformed header is simply not valid.
     */
    public static boolean verify(String secret, byte[] body, String header) {
        if (header == null) {
            return false;
        }
        int equals = header.indexOf('=');
        String method = equals < 0 ? "" : header.substring(0, equals).strip().toLowerCase(Locale.ROOT);
        if (!ALGORITHMS.containsKey(method)) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = HexFormat.of().parseHex(header.substring(equals + 1).strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(method, secret, body), claimed);
    }

    /** The raw HMAC by method name ({@code sha1}, {@code sha256}, {@code sha384}, {@code sha512}). */
    public static byte[] hmac(String method, String secret, byte[] body) {
        String algorithm = ALGORITHMS.get(method);
        if (algorithm == null) {
            throw new IllegalArgumentException(
                    "unknown signature method " + method + "; known: " + ALGORITHMS.keySet());
        }
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a signing secret must not be empty");
        }
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java platform must provide these HMACs, and any non-empty key is valid for them.
            throw new IllegalStateException(algorithm + " is part of every JRE", e);
        }
    }
}
