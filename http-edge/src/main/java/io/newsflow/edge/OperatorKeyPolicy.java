package io.newsflow.edge;

/**
 * Where a service keeps its operator key, and what its {@link OperatorKey} endpoints do without one: each service
 * provides one bean of this type. An interface, so that the filter gets the service's bean through its client proxy
 * once runtime configuration is read.
 */
public interface OperatorKeyPolicy {

    OperatorKeyCheck check();
}
