package io.newsflow.publish.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Every error leaves as application/problem+json (RFC 9457). */
class ProblemMappers {

    @ServerExceptionMapper
    Response storeUnavailable(com.mongodb.MongoException e) {
        return Response.fromResponse(Problem.response(Response.Status.SERVICE_UNAVAILABLE,
                "The article store is unavailable; retry later.")).header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    Response webApplication(WebApplicationException e) {
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        return Problem.response(status == null ? Response.Status.BAD_REQUEST : status, e.getMessage());
    }
}
