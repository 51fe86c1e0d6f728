package io.newsflow.ingest;

import java.util.List;

import io.newsflow.contract.Problem;

/** Input that cannot become an article; answered with 400 and every error found. */
public class InvalidInputException extends RuntimeException {

    private final List<Problem.FieldError> errors;

    public InvalidInputException(String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
