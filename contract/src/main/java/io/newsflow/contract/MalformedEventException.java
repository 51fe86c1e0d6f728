package io.newsflow.contract;

/** A record value that is not a readable event of the expected type; it belongs on a dead-letter topic. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
