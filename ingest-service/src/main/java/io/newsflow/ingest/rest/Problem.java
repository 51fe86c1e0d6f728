package io.newsflow.ingest.rest;

import java.util.List;

import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem document. {@code errors} lists each invalid field or line, so a publisher can fix all of them
 * at once.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    static final String MEDIA_TYPE = "application/problem+json";

    static Problem of(Response.Status status, String detail) {
        return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null, List.of());
    }

    Response toResponse() {
        return Response.status(status).type(MEDIA_TYPE).entity(this).build();
    }

    /** One thing wrong with the input: a JSON pointer or field name, and what is wrong with it. */
    record FieldError(String field, String message) {
    }
}
