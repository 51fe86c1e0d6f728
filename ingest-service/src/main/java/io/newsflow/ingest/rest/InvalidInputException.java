package io.newsflow.ingest.rest;

import java.util.List;

/** Input that cannot become an article; answered with 400 and every error found. */
class InvalidInputException extends RuntimeException {

    private final List<Problem.FieldError> errors;

    InvalidInputException(String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    List<Problem.FieldError> errors() {
        return errors;
    }
}
