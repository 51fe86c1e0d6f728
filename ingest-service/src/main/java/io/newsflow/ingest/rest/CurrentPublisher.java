package io.newsflow.ingest.rest;

import jakarta.enterprise.context.RequestScoped;

/** The publisher {@link ApiKeyFilter} authenticated for the current request. */
@RequestScoped
class CurrentPublisher {

    private Publisher publisher = Publisher.ANYONE;

    Publisher get() {
        return publisher;
    }

    void set(Publisher publisher) {
        this.publisher = publisher;
    }

    /** The source to record: the one asked for if this publisher may write it; 403 otherwise. */
    String authorise(String requestedSource) {
        String source = requestedSource != null ? requestedSource : publisher.defaultSource();
        if (source != null && !publisher.mayWrite(source)) {
            throw new ForbiddenSourceException(publisher.name(), source);
        }
        return source;
    }
}
