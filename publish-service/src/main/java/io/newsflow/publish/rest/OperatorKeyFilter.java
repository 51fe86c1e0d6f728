package io.newsflow.publish.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import io.newsflow.edge.OperatorKeyCheck;
import io.newsflow.publish.config.PublishConfig;

/**
 * Lets {@link OperatorKey} endpoints through only with {@code Authorization: Bearer <NEWSFLOW_API_KEY>}: a webhook makes
 * this service call out, which nobody but the operator should be able to arrange. Without a configured key those
 * endpoints are closed.
 */
@Provider
@OperatorKey
class OperatorKeyFilter implements ContainerRequestFilter {

    private final KeyCheck check;

    OperatorKeyFilter(KeyCheck check) {
        this.check = check;
    }

    /** The configured key's check, built when first needed: providers are built before runtime configuration. */
    @ApplicationScoped
    static class KeyCheck {

        private final OperatorKeyCheck check;

        KeyCheck(PublishConfig config) {
            this.check = new OperatorKeyCheck(config.operatorKey());
        }

        // A method, not the field: the bean is reached through its client proxy.
        OperatorKeyCheck get() {
            return check;
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!check.get().accepts(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            request.abortWith(Response.fromResponse(Problems.response(
                    check.get().refusal("Webhooks are closed: set NEWSFLOW_API_KEY to manage them.")))
                    .header(HttpHeaders.WWW_AUTHENTICATE, OperatorKeyCheck.CHALLENGE).build());
        }
    }
}
