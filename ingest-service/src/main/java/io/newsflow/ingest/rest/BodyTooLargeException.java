package io.newsflow.ingest.rest;

/** A request body over {@code newsflow.ingest.max-body-bytes}; answered with 413. */
class BodyTooLargeException extends RuntimeException {

    BodyTooLargeException(long size, long limit) {
        super("The body has " + size + " bytes; this service accepts at most " + limit + ".");
    }
}
