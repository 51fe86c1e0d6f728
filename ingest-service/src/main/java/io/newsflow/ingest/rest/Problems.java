package io.newsflow.ingest.rest;

import jakarta.ws.rs.core.Response;

import io.newsflow.contract.Problem;

/** A {@link Problem} as an HTTP answer: its status, {@code application/problem+json}, the document. */
final class Problems {

    private Problems() {
    }

    static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
