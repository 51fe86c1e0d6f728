package io.newsflow.edge;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

/**
 * Marks endpoints only the operator may use: {@link OperatorKeyFilter} lets them through with the operator key, as
 * the service's {@link OperatorKeyPolicy} says.
 */
@NameBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface OperatorKey {
}
