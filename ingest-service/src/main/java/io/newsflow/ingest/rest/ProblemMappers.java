package io.newsflow.ingest.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.newsflow.ingest.messaging.PublishFailedException;

/** Every error leaves as application/problem+json (RFC 9457). */
class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    Response invalidInput(InvalidInputException e) {
        return new Problem("about:blank", "Invalid article", 400, e.getMessage(), null, e.errors()).toResponse();
    }

    @ServerExceptionMapper
    Response tooLarge(BodyTooLargeException e) {
        return Problem.of(Response.Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    Response forbiddenSource(ForbiddenSourceException e) {
        return Problem.of(Response.Status.FORBIDDEN, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper
    Response publishFailed(PublishFailedException e) {
        LOG.warn(e.getMessage());
        return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                "The article was not accepted because the event broker did not acknowledge it; retry later.")
                .toResponse()).header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    Response mongoUnavailable(com.mongodb.MongoException e) {
        LOG.warn("MongoDB failed during a request: " + e.getMessage());
        return Response.fromResponse(Problem.of(Response.Status.SERVICE_UNAVAILABLE,
                "The article store is unavailable; nothing was accepted, retry later.").toResponse())
                .header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    Response webApplication(WebApplicationException e) {
        Response.Status status = Response.Status.fromStatusCode(e.getResponse().getStatus());
        String detail = switch (e.getResponse().getStatus()) {
            case 415 -> "Send application/json or text/plain (charset UTF-8).";
            case 413 -> "The request body is larger than this service accepts.";
            default -> e.getMessage();
        };
        return status == null
                ? new Problem("about:blank", "Error", e.getResponse().getStatus(), detail, null, java.util.List.of()).toResponse()
                : Problem.of(status, detail).toResponse();
    }
}
