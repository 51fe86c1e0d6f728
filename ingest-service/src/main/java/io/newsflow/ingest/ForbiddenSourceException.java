package io.newsflow.ingest;

/** A valid key used for a source its publisher may not write; answered with 403. */
public class ForbiddenSourceException extends RuntimeException {

    public ForbiddenSourceException(String publisher, String source) {
        super("The key of publisher " + publisher + " may not write source " + source + ".");
    }
}
