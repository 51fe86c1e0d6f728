package io.newsflow.ingest;

import java.util.Set;

/**
 * Who sent a request, and which sources it may write.
 *
 * @param name    publisher name from configuration, or {@link #OPERATOR} for the operator key
 * @param sources sources it may write, compared without case; {@code *} for all
 */
public record Publisher(String name, Set<String> sources) {

    /** The name the operator key's requests go by. */
    public static final String OPERATOR = "operator";
    /** Who every request is when authentication is switched off. */
    public static final Publisher ANYONE = new Publisher("anonymous", Set.of("*"));

    public static Publisher operator() {
        return new Publisher(OPERATOR, Set.of("*"));
    }

    public boolean mayWrite(String source) {
        return sources.contains("*") || source != null && sources.stream().anyMatch(source::equalsIgnoreCase);
    }

    /** The source recorded when a push names none: the publisher's own name, unless it may write everything. */
    public String defaultSource() {
        return sources.contains("*") ? null : name;
    }

    /**
     * The source to record: the one asked for if this publisher may write it, else its default.
     *
     * @throws ForbiddenSourceException when it may not write the source asked for
     */
    public String authorise(String requestedSource) {
        String source = requestedSource != null ? requestedSource : defaultSource();
        if (source != null && !mayWrite(source)) {
            throw new ForbiddenSourceException(name, source);
        }
        return source;
    }
}
