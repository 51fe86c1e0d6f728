package io.newsflow.ingest.rest;

/** A valid key used for a source its publisher may not write; answered with 403. */
class ForbiddenSourceException extends RuntimeException {

    ForbiddenSourceException(String publisher, String source) {
        super("The key of publisher " + publisher + " may not write source " + source + ".");
    }
}
