package io.newsflow.ingest;

/** ingest-service is stopping and did not decide the push: nothing was accepted, and the publisher should retry. */
public class ServiceStoppingException extends RuntimeException {

    public ServiceStoppingException() {
        super("ingest-service is stopping; the article was not accepted, push it again");
    }
}
