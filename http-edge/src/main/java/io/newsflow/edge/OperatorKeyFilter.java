package io.newsflow.edge;

import jakarta.enterprise.inject.Instance;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import io.newsflow.contract.Problem;

/** Lets {@link OperatorKey} endpoints through only as the service's {@link OperatorKeyPolicy} allows; else 401. */
@Provider
@OperatorKey
public class OperatorKeyFilter implements ContainerRequestFilter {

    // An Instance: a service need not have a policy (each of Newsflow's has one; a service without one has every
    // @OperatorKey endpoint closed).
    private final Instance<OperatorKeyPolicy> policy;

    public OperatorKeyFilter(Instance<OperatorKeyPolicy> policy) {
        this.policy = policy;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        OperatorKeyCheck check = OperatorKeyPolicy.of(policy);
        if (!check.allows(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            Problem problem = check.refusal();
            request.abortWith(Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem)
                    .header(HttpHeaders.WWW_AUTHENTICATE, OperatorKeyCheck.CHALLENGE).build());
        }
    }
}
