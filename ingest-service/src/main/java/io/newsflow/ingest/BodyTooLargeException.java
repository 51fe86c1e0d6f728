package io.newsflow.ingest;

/** A request body over {@code newsflow.ingest.max-body-bytes}; answered with 413. */
public class BodyTooLargeException extends RuntimeException {

    public BodyTooLargeException(long size, long limit) {
        super("The body has " + size + " bytes; this service accepts at most " + limit + ".");
    }
}
