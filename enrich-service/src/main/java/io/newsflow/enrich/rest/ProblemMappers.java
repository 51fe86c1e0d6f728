package io.newsflow.enrich.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as application/problem+json (RFC 9457). */
class ProblemMappers {

    @ServerExceptionMapper
    Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        Response.Status known = Response.Status.fromStatusCode(status);
        return Response.status(status).type("application/problem+json")
                .entity(new Problem("about:blank", known == null ? "Error" : known.getReasonPhrase(), status,
                        e.getMessage()))
                .build();
    }

    record Problem(String type, String title, int status, String detail) {
    }
}
