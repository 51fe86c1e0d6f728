package io.newsflow.enrich.config;

import jakarta.enterprise.context.ApplicationScoped;

import io.newsflow.edge.OperatorKeyCheck;
import io.newsflow.edge.OperatorKeyPolicy;

/** This service's operator-key endpoints: {@code POST /enrich}, open without a key (a local trial): it runs the pipeline's costliest step for whoever asks. */
@ApplicationScoped
public class OperatorKeys implements OperatorKeyPolicy {

    private final OperatorKeyCheck check;

    OperatorKeys(EnrichConfig config) {
        this.check = new OperatorKeyCheck(config.operatorKey(), null);
    }

    @Override
    public OperatorKeyCheck check() {
        return check;
    }
}
