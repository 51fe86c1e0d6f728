package io.newsflow.publish.rest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import io.newsflow.publish.config.PublishConfig;

/**
 * Lets {@link AdminKey} endpoints through only with {@code Authorization: Bearer <NEWSFLOW_API_KEY>}: a webhook makes
 * this service call out, which nobody but the operator should be able to arrange. Without a configured key those
 * endpoints are closed.
 */
@Provider
@AdminKey
class AdminKeyFilter implements ContainerRequestFilter {

    private static final String BEARER = "bearer ";

    private final OperatorKey operatorKey;

    AdminKeyFilter(OperatorKey operatorKey) {
        this.operatorKey = operatorKey;
    }

    /** The configured key's hash, read when first needed: providers are built before runtime configuration. */
    @jakarta.enterprise.context.ApplicationScoped
    static class OperatorKey {

        private final Optional<byte[]> hash;

        OperatorKey(PublishConfig config) {
            this.hash = config.adminKey().filter(k -> !k.isBlank()).map(AdminKeyFilter::sha256);
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
            request.abortWith(Response.fromResponse(Problem.response(Response.Status.UNAUTHORIZED, keyHash.isPresent()
                    ? "Send the operator key as Authorization: Bearer <key>."
                    : "Webhooks are closed: set NEWSFLOW_API_KEY to manage them."))
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
