package io.newsflow.edge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import io.newsflow.contract.Problem;

/**
 * The one check of the operator key ({@code NEWSFLOW_API_KEY}) for the endpoints only the operator may use, in
 * whichever service they are: {@code Authorization: Bearer <key>}, compared by SHA-256 hashes in constant time, so
 * that neither the key nor its length leaks through timing. Only the hash is kept.
 */
public final class OperatorKeyCheck {

    private static final String BEARER = "bearer ";

    private final Optional<byte[]> keyHash;
    private final String closedWithoutKey;

    /**
     * @param closedWithoutKey what a request is told when no key is configured, and the endpoints are closed; null
     *                         when they are open without a key (a local trial)
     */
    public OperatorKeyCheck(Optional<String> operatorKey, String closedWithoutKey) {
        this.keyHash = operatorKey.filter(k -> !k.isBlank()).map(OperatorKeyCheck::sha256);
        this.closedWithoutKey = closedWithoutKey;
    }

    public boolean configured() {
        return keyHash.isPresent();
    }

    /** Whether a request with this {@code Authorization} header may pass: with the key, or open without one. */
    public boolean allows(String authorization) {
        return keyHash.isEmpty() ? closedWithoutKey == null : accepts(authorization);
    }

    /** Whether the {@code Authorization} header carries the operator key; never when none is configured. */
    public boolean accepts(String authorization) {
        return keyHash.isPresent() && authorization != null
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && MessageDigest.isEqual(keyHash.get(), sha256(authorization.substring(BEARER.length()).strip()));
    }

    /** The 401 for a request {@link #allows} refuses. */
    public Problem refusal() {
        return Problem.of(401,
                configured() ? "Send the operator key as Authorization: Bearer <key>." : closedWithoutKey);
    }

    /** The {@code WWW-Authenticate} value that goes with {@link #refusal}. */
    public static final String CHALLENGE = "Bearer realm=\"newsflow\"";

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
