package io.newsflow.publish.messaging;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the consumer that stores articles: down, with what it holds and since when, while MongoDB does not
 * take its writes. The consumer keeps retrying meanwhile and resumes by itself.
 */
@Readiness
@ApplicationScoped
public class StoringHealth implements HealthCheck {

    private final Clock clock = Clock.systemUTC();
    private volatile Instant waitingSince;
    private volatile int held;
    private volatile String lastError;

    void waiting(int articles, Exception error) {
        if (waitingSince == null) {
            waitingSince = clock.instant();
        }
        held = articles;
        lastError = error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    void storing() {
        waitingSince = null;
    }

    @Override
    public HealthCheckResponse call() {
        Instant since = waitingSince;
        if (since == null) {
            return HealthCheckResponse.named("Storing enriched articles").up().build();
        }
        return HealthCheckResponse.named("Storing enriched articles").down()
                .withData("state", "waiting for MongoDB; consumption resumes by itself when it is back")
                .withData("waitingSince", since.toString())
                .withData("heldArticles", held)
                .withData("lastError", String.valueOf(lastError))
                .build();
    }
}
