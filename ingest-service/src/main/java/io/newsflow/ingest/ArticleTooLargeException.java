package io.newsflow.ingest;

/**
 * An article whose {@code articles-ingested} event would be over {@code newsflow.ingest.max-event-bytes}, so that
 * Kafka would refuse it (or enrich-service's event would be over Kafka's limit); answered with 413 and never
 * accepted, rather than accepted and then lost to a dead-letter topic.
 */
public class ArticleTooLargeException extends RuntimeException {

    public ArticleTooLargeException(String articleId, long size, long limit) {
        super("Article " + articleId + " makes an event of " + size + " bytes once encoded as JSON; at most " + limit
                + " fit in a Kafka record with room for the enrichment. Shorten its text.");
    }
}
