package io.newsflow.publish.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.mongodb.MongoException;

import io.newsflow.contract.Problem;
import io.newsflow.publish.InvalidRequestException;

/** Every error leaves as application/problem+json (RFC 9457), in the one shape of {@link Problem}. */
class ProblemMappers {

    @ServerExceptionMapper
    Response invalidRequest(InvalidRequestException e) {
        return Problems.response(Problem.invalid(e.getMessage(), e.errors()));
    }

    @ServerExceptionMapper
    Response storeUnavailable(MongoException e) {
        return Response.fromResponse(Problems.response(Problem.of(503,
                "The article store is unavailable; retry later."))).header("Retry-After", "5").build();
    }

    // Quarkus maps these two itself, to JSON that is no problem document; the most specific mapper wins.
    @ServerExceptionMapper
    Response wrongTypes(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    Response notJson(JsonParseException e) {
        return unreadableJson(e);
    }

    /** Unreadable JSON or JSON of the wrong types. */
    @ServerExceptionMapper
    Response unreadableJson(JsonProcessingException e) {
        return Problems.response(Problem.of(400, "The body is not the JSON this endpoint takes: "
                + e.getOriginalMessage()));
    }

    @ServerExceptionMapper
    Response webApplication(WebApplicationException e) {
        return Problems.response(Problem.of(e.getResponse().getStatus(), e.getMessage()));
    }
}
