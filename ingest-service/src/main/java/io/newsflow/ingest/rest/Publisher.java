package io.newsflow.ingest.rest;

import java.util.Set;

/**
 * Who sent a request, and which sources it may write.
 *
 * @param name    publisher name from configuration, or "admin"
 * @param sources sources it may write; {@code *} for all
 */
record Publisher(String name, Set<String> sources) {

    static final Publisher ANYONE = new Publisher("anonymous", Set.of("*"));

    boolean mayWrite(String source) {
        return sources.contains("*") || source != null && sources.stream().anyMatch(source::equalsIgnoreCase);
    }

    /** The source recorded when a push names none: the publisher's own name, unless it may write everything. */
    String defaultSource() {
        return sources.contains("*") ? null : name;
    }
}
