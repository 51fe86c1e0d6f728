package io.newsflow.outbound;

import java.io.IOException;

/** A fetch that gave no usable response: timed out, too large, too many redirects, backing off, unreachable. */
public class FetchException extends IOException {

    public FetchException(String message) {
        super(message);
    }

    public FetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
