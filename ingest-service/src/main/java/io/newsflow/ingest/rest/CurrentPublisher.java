package io.newsflow.ingest.rest;

import jakarta.enterprise.context.RequestScoped;

import io.newsflow.ingest.Publisher;

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
}
