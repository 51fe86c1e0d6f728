package io.newsflow.enrich.messaging;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import io.newsflow.contract.ArticleEnriched;
import io.newsflow.contract.Enrichment;
import io.newsflow.contract.FilterRules;
import io.newsflow.enrich.config.EnrichConfig;

/** Which configured routes an enriched article matches: every condition a route names must hold. */
@ApplicationScoped
class Routes {

    private final Map<String, EnrichConfig.Route> routes;

    Routes(EnrichConfig config) {
        this.routes = config.routes();
    }

    List<String> matching(ArticleEnriched event) {
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
