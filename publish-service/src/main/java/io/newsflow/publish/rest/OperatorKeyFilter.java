package io.newsflow.publish.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import io.newsflow.contract.Problem;
import io.newsflow.publish.config.PublishConfig;

/**
 * Lets {@link OperatorKey} endpoints through only with {@code Authorization: Bearer <NEWSFLOW_API_KEY>}: a webhook makes
 * this service call out, which nobody but the operator should be able to arrange. Without a configured key those
 * endpoints are closed.
 */
@Provider
@OperatorKey
class OperatorKeyFilter implements ContainerRequestFilter {

    private static final String BEARER = "bearer ";

    private final KeyHash operatorKey;

    OperatorKeyFilter(KeyHash operatorKey) {
        this.operatorKey = operatorKey;
    }

    /** The configured key's hash, read when first needed: providers are built before runtime configuration. */
    @ApplicationScoped
    static class KeyHash {

        private final Optional<byte[]> hash;

        KeyHash(PublishConfig config) {
            this.hash = config.operatorKey().map(OperatorKeyFilter::sha256);
        }

        Optional<byte[]> hash() {
            return hash;
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        Optional<byte[]> keyHash = operatorKey.hash();
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        boolean valid = keyHash.isPresent() && header != null
                && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                // Hashes of equal length, compared in constant time: the comparison tells nothing about the key.
                && MessageDigest.isEqual(keyHash.get(), sha256(header.substring(BEARER.length()).strip()));
        if (!valid) {
            request.abortWith(Response.fromResponse(Problems.response(Problem.of(401, keyHash.isPresent()
                    ? "Send the operator key as Authorization: Bearer <key>."
                    : "Webhooks are closed: set NEWSFLOW_API_KEY to manage them.")))
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"newsflow\"").build());
        }
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
