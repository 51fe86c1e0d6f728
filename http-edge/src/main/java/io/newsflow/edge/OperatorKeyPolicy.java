package io.newsflow.edge;

import java.util.Optional;

import jakarta.enterprise.inject.Instance;

/**
 * Where a service keeps its operator key, and what its {@link OperatorKey} endpoints do without one: each service
 * provides one bean of this type. An interface, so that the filter gets the service's bean through its client proxy
 * once runtime configuration is read.
 */
public interface OperatorKeyPolicy {

    OperatorKeyCheck check();

    /** The check of the service's policy; one that lets nothing through where the service has none. */
    static OperatorKeyCheck of(Instance<OperatorKeyPolicy> policy) {
        return policy.isResolvable() ? policy.get().check() : NONE;
    }

    /** Closed, and no key opens it. */
    OperatorKeyCheck NONE = new OperatorKeyCheck(Optional.empty(), "This service has no operator-key policy.");
}
