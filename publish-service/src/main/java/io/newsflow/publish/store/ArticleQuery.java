package io.newsflow.publish.store;

import java.util.Optional;

/** Filters of {@code GET /articles}; empty means no filter. */
public record ArticleQuery(Optional<String> language, Optional<String> tag, Optional<String> keyword,
        Optional<String> source) {
}
