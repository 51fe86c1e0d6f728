package io.newsflow.publish.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * Which stored fields {@code newsflow.publish.indexed-filters} gives an index of their own. Plain Java, nothing real.
 */
class IndexedFiltersTest {

    @Test
    void namesTheStoredFieldOfEachFilterInAFixedOrder() {
        assertEquals(List.of("language", "sourceKey", "categoryKeys", "tags", "keywordSlugs", "entityKeys"),
                ArticleStore.indexedFilterFields(Set.of("entity", "keyword", "tag", "category", "source", "language")));
        assertEquals(List.of("language", "keywordSlugs"), ArticleStore.indexedFilterFields(Set.of("keyword",
                "language")));
        assertEquals(List.of(), ArticleStore.indexedFilterFields(Set.of()));
    }

    @Test
    void refusesANameThatIsNoFilterSayingWhichAreFilters() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ArticleStore.indexedFilterFields(Set.of("language", "keywords", "q")));
        assertTrue(e.getMessage().contains("[keywords, q]") && e.getMessage().contains("entity"), e.getMessage());
    }
}
