package io.newsflow.publish.config;

import jakarta.enterprise.context.ApplicationScoped;

import io.newsflow.edge.OperatorKeyCheck;
import io.newsflow.edge.OperatorKeyPolicy;

/** This service's operator-key endpoints: webhooks, closed without a key: they make this service call out, which nobody but the operator should be able to arrange. */
@ApplicationScoped
public class OperatorKeys implements OperatorKeyPolicy {

    private final OperatorKeyCheck check;

    OperatorKeys(PublishConfig config) {
        this.check = new OperatorKeyCheck(config.operatorKey(),
                "Webhooks are closed: set NEWSFLOW_API_KEY to manage them.");
    }

    @Override
    public OperatorKeyCheck check() {
        return check;
    }
}
