package io.newsflow.enrich.messaging;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the forwarding of enriched articles: down, with what it holds and since when, while the broker does
 * not acknowledge them. The processor keeps sending meanwhile and resumes by itself.
 */
@Readiness
@ApplicationScoped
public class ForwardingHealth implements HealthCheck {

    private final Clock clock = Clock.systemUTC();
    private volatile Instant waitingSince;
    private volatile int held;
    private volatile String lastError;

    void waiting(int articles, Exception error) {
        if (waitingSince == null) {
            waitingSince = clock.instant();
        }
        held = articles;
        lastError = error == null ? null : error.getMessage();
    }

    void forwarding() {
        waitingSince = null;
    }

    @Override
    public HealthCheckResponse call() {
        Instant since = waitingSince;
        if (since == null) {
            return HealthCheckResponse.named("Forwarding enriched articles").up().build();
        }
        return HealthCheckResponse.named("Forwarding enriched articles").down()
                .withData("state", "waiting for Kafka to take enriched articles; resumes by itself when it does")
                .withData("waitingSince", since.toString())
                .withData("heldArticles", held)
                .withData("lastError", String.valueOf(lastError))
                .build();
    }
}
