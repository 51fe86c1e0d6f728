package io.newsflow.ingest;

import java.util.Set;

/**
 * Who sent a request, which sources it may write, and which hosts' articles are its own (docs/adr/0009).
 *
 * @param name    publisher name from configuration, or {@link #OPERATOR} for the operator key
 * @param sources sources it may write, compared without case; {@code *} for all
 * @param hosts   hosts (with their subdomains) whose article URLs only this publisher and others naming them may
 *                push, lower case; empty for none
 */
public record Publisher(String name, Set<String> sources, Set<String> hosts) {

    /** The name the operator key's requests go by. */
    public static final String OPERATOR = "operator";
    /** Who every request is when authentication is switched off. */
    public static final Publisher ANYONE = new Publisher("anonymous", Set.of("*"), Set.of());

    public Publisher(String name, Set<String> sources) {
        this(name, sources, Set.of());
    }

    public static Publisher operator() {
        return new Publisher(OPERATOR, Set.of("*"), Set.of());
    }

    /**
     * The publisher a feed's articles are written as: the one whose key added the feed. Its sources were checked
     * when the feed was added; what is left to check is which articles it may write.
     */
    public static Publisher ownerOfFeed(String owner) {
        if (owner == null || OPERATOR.equals(owner)) {
            return operator();
        }
        return ANYONE.name().equals(owner) ? ANYONE : new Publisher(owner, Set.of(owner), Set.of());
    }

    /**
     * Whether this publisher may write every article whoever wrote it first: the operator, and anyone when
     * authentication is off (a trusted network).
     */
    public boolean mayWriteAnyArticle() {
        return OPERATOR.equals(name) || this.equals(ANYONE);
    }

    /** Whether the host (lower case) is one of this publisher's hosts or under one. */
    public boolean claims(String host) {
        return isUnder(host, hosts);
    }

    /** Whether the host (lower case) is one of {@code hosts} or a subdomain of one. */
    static boolean isUnder(String host, Set<String> hosts) {
        return hosts.stream().anyMatch(h -> host.equals(h) || host.endsWith("." + h));
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
