package io.newsflow.enrich;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.newsflow.contract.ArticleEnriched;
import io.newsflow.contract.Enrichment;
import io.newsflow.contract.FilterRules;
import io.newsflow.enrich.config.EnrichConfig;

/** Which configured routes an enriched article matches: every condition a route names must hold. */
@ApplicationScoped
public class Routes {

    private final Map<String, EnrichConfig.Route> routes;

    @Inject
    Routes(EnrichConfig config) {
        this(config.routes());
    }

    /** @param routes by name, as {@code newsflow.enrich.routes.<name>.*} configures them */
    public Routes(Map<String, EnrichConfig.Route> routes) {
        this.routes = Map.copyOf(routes);
    }

    /** The names of the routes the article matches, sorted. */
    public List<String> matching(ArticleEnriched event) {
        return routes.entrySet().stream().filter(route -> matches(route.getValue(), event)).map(Map.Entry::getKey)
                .sorted().toList();
    }

    static boolean matches(EnrichConfig.Route route, ArticleEnriched event) {
        // The contract's rules, which publish-service's feeds and stream follow too.
        Enrichment e = event.enrichment();
        return holds(route.language(), v -> FilterRules.language(v, e.language()))
                && holds(route.category(), v -> FilterRules.category(v, e.categories()))
                && holds(route.entity(), v -> FilterRules.entity(v, e.entities()))
                && holds(route.keyword(), v -> FilterRules.keyword(v, e.keywords()))
                && holds(route.source(), v -> FilterRules.source(v, event.article().source()));
    }

    private static boolean holds(Optional<String> condition, Predicate<String> test) {
        return condition.isEmpty() || test.test(condition.get().strip());
    }
}
