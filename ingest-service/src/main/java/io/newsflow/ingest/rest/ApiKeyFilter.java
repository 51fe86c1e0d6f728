package io.newsflow.ingest.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import io.newsflow.contract.Problem;

/** Authenticates {@link PublisherKey} endpoints by {@code Authorization: Bearer <key>}; 401 without a valid key. */
@Provider
@PublisherKey
class ApiKeyFilter implements ContainerRequestFilter {

    private static final String BEARER = "bearer ";

    private final ApiKeys keys;
    private final CurrentPublisher current;

    ApiKeyFilter(ApiKeys keys, CurrentPublisher current) {
        this.keys = keys;
        this.current = current;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!keys.enabled()) {
            return;
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            request.abortWith(unauthorised("Send an API key as Authorization: Bearer <key>."));
            return;
        }
        keys.publisher(header.substring(BEARER.length()).strip()).ifPresentOrElse(current::set,
                () -> request.abortWith(unauthorised("The API key is not valid.")));
    }

    private static Response unauthorised(String detail) {
        return Response.fromResponse(Problems.response(Problem.of(401, detail)))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"newsflow\"").build();
    }
}
