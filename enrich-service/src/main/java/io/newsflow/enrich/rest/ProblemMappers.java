package io.newsflow.enrich.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.newsflow.contract.Problem;

/** Every error leaves as application/problem+json (RFC 9457), in the one shape of {@link Problem}. */
class ProblemMappers {

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
        Problem problem = Problem.of(400, "The body is not the JSON this endpoint takes: " + e.getOriginalMessage());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    @ServerExceptionMapper
    Response webApplication(WebApplicationException e) {
        Problem problem = Problem.of(e.getResponse().getStatus(), e.getMessage());
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
