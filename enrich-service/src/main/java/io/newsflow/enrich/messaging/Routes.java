package io.newsflow.enrich.messaging;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import jakarta.enterprise.context.ApplicationScoped;

import io.newsflow.contract.ArticleEnriched;
import io.newsflow.contract.Enrichment;
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
        Enrichment e = event.enrichment();
        return holds(route.language(), v -> v.equalsIgnoreCase(String.valueOf(e.language())))
                && holds(route.category(), v -> e.categories().stream()
                        .anyMatch(c -> c.code().equalsIgnoreCase(v) || c.label().equalsIgnoreCase(v)))
                && holds(route.entity(), v -> e.entities().stream()
                        .anyMatch(n -> n.name().equalsIgnoreCase(v) || n.aliases().stream().anyMatch(v::equalsIgnoreCase)))
                && holds(route.keyword(), v -> e.keywords().stream()
                        .anyMatch(k -> k.text().equalsIgnoreCase(v) || k.slug().equals(v.toLowerCase(Locale.ROOT))))
                && holds(route.source(), v -> v.equalsIgnoreCase(String.valueOf(event.article().source())));
    }

    private static boolean holds(Optional<String> condition, Predicate<String> test) {
        return condition.isEmpty() || test.test(condition.get().strip());
    }
}
