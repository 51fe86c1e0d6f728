package io.newsflow.ingest.config;

import jakarta.enterprise.context.ApplicationScoped;

import io.newsflow.edge.OperatorKeyCheck;
import io.newsflow.edge.OperatorKeyPolicy;

/**
 * This service's operator key, {@code newsflow.ingest.auth.operator-key}: besides pushing for every source (the
 * publishers' keys do that part, {@code ApiKeys}), it opens the operator's endpoints a deployment closes
 * ({@code /q/metrics} for a scraper, docs/adr/0010). No {@code @OperatorKey} endpoint here.
 */
@ApplicationScoped
public class OperatorKeys implements OperatorKeyPolicy {

    private final OperatorKeyCheck check;

    OperatorKeys(IngestConfig config) {
        this.check = new OperatorKeyCheck(config.auth().operatorKey(), "No operator key is configured.");
    }

    @Override
    public OperatorKeyCheck check() {
        return check;
    }
}
