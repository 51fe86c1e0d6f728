package io.newsflow.ingest;

import java.time.Duration;

/**
 * A single push waited longer than {@code push-groups.max-queue-wait} for a group to take it, and was taken out of the
 * queue undecided: nothing was accepted, and the publisher should retry later. How ingest-service sheds load it
 * cannot carry instead of holding requests without bound.
 */
public class ServiceBusyException extends RuntimeException {

    public ServiceBusyException(Duration waited) {
        super("ingest-service is too busy: the article waited " + waited.toMillis()
                + " ms without being decided and was not accepted; push it again later");
    }
}
