package io.newsflow.contract;

import java.util.List;

/**
 * An IPTC Media Topic the article is about.
 *
 * @param code     IPTC Media Topic code, {@code medtop:11000000}
 * @param label    IPTC's English label, {@code politics}
 * @param score    in [0, 1], higher is surer; categories are listed best first
 * @param evidence the terms that triggered it, strongest first
 */
public record Category(String code, String label, double score, List<String> evidence) {

    public Category {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
