package io.newsflow.publish.store;

import java.time.Instant;
import java.util.Optional;

import io.newsflow.contract.FilterRules;

/**
 * Filters of the feed, in every form it is served (JSON, RSS, Atom, JSON Feed, stream, reader page); empty means no
 * filter, and filters combine with AND.
 *
 * @param keyword  a keyword slug ({@code israel}) or text
 * @param entity   an entity's name or alias, any case
 * @param category an IPTC code ({@code medtop:11000000}) or label ({@code politics})
 * @param since    published (or, without a date, stored) at or after
 * @param until    published (or stored) before
 * @param q        words that must all appear in the title, summary or keywords, any case and accents
 */
public record ArticleQuery(Optional<String> language, Optional<String> tag, Optional<String> keyword,
        Optional<String> entity, Optional<String> category, Optional<String> source, Optional<Instant> since,
        Optional<Instant> until, Optional<String> q) {

    public static final ArticleQuery ALL = new ArticleQuery(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    /**
     * Whether a stored article passes these filters, for the live stream and webhooks: the contract's
     * {@link FilterRules}, which the MongoDB query ({@code ArticleStore}) and enrich-service's routes follow too.
     */
    public boolean matches(StoredArticle a) {
        return language.map(l -> FilterRules.language(l, a.language())).orElse(true)
                && tag.map(t -> a.tags().contains(t)).orElse(true)
                && keyword.map(k -> FilterRules.keyword(k, a.keywords())).orElse(true)
                && entity.map(e -> FilterRules.entity(e, a.entities())).orElse(true)
                && category.map(c -> FilterRules.category(c, a.categories())).orElse(true)
                && source.map(s -> FilterRules.source(s, a.source())).orElse(true)
                && since.map(s -> !a.sortAt().isBefore(s)).orElse(true)
                && until.map(u -> a.sortAt().isBefore(u)).orElse(true)
                && q.map(words -> Search.terms(a).containsAll(Search.words(words))).orElse(true);
    }
}
