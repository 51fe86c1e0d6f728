package io.newsflow.ingest.messaging;

/** Kafka did not acknowledge an event in time: the article was not accepted and the publisher should retry. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
