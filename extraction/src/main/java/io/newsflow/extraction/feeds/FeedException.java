package io.newsflow.extraction.feeds;

import java.io.IOException;

/** A document that is not a feed we can read, or one refused as unsafe (a DTD, entities). */
public class FeedException extends IOException {

    public FeedException(String message) {
        super(message);
    }

    public FeedException(String message, Throwable cause) {
        super(message, cause);
    }
}
