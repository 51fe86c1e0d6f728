package io.newsflow.enrich.rest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import io.newsflow.contract.Problem;
import io.newsflow.edge.OperatorKeyCheck;
import io.newsflow.enrich.config.EnrichConfig;

/**
 * {@code POST /enrich} takes the operator key when one is configured (docs: enrich-service README, Limits): it runs
 * the whole enrichment, the pipeline's costliest step, for whoever asks.
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

        KeyCheck(EnrichConfig config) {
            this.check = new OperatorKeyCheck(config.operatorKey());
        }

        // A method, not the field: the bean is reached through its client proxy.
        OperatorKeyCheck get() {
            return check;
        }
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (check.get().configured() && !check.get().accepts(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            Problem problem = check.get().refusal(null);
            request.abortWith(Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem)
                    .header(HttpHeaders.WWW_AUTHENTICATE, OperatorKeyCheck.CHALLENGE).build());
        }
    }
}
