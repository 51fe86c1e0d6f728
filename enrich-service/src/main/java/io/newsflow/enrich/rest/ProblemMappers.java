package io.newsflow.enrich.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.newsflow.contract.Problem;

/** Every error leaves as application/problem+json (RFC 9457), in the one shape of {@link Problem}. */
class ProblemMappers {

    @ServerExceptionMapper
    Response webApplication(WebApplicationException e) {
        Problem problem = Problem.of(e.getResponse().getStatus(), e.getMessage());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
