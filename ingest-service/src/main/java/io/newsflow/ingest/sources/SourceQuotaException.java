package io.newsflow.ingest.sources;

/** A publisher at its quota of feeds ({@code newsflow.ingest.max-sources-per-publisher}); answered with 403. */
public class SourceQuotaException extends RuntimeException {

    public SourceQuotaException(String publisher, int max) {
        super("Publisher " + publisher + " polls " + max + " feeds already, the most a publisher may; remove one "
                + "first.");
    }
}
