package io.newsflow.publish;

import java.util.List;

import io.newsflow.contract.Problem;

/** A request the application services refuse, with each thing wrong with it; the REST layer answers 400. */
public class InvalidRequestException extends RuntimeException {

    private final transient List<Problem.FieldError> errors;

    public InvalidRequestException(String message, List<Problem.FieldError> errors) {
        super(message);
        this.errors = List.copyOf(errors);
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
