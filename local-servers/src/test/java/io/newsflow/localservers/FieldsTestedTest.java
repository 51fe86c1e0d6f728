package io.newsflow.localservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import de.bwaldvogel.mongo.bson.Document;

/**
 * Which fields a walk decodes to test a query before it decodes a document whole ({@code DurableH2Backend}). Plain
 * objects; {@code MongoWireServerIT} pages through filtered feeds over the wire with the same walk.
 */
class FieldsTestedTest {

    @Test
    void namesTheFirstPartOfEachPathThroughAndOrAndNor() {
        // A feed page filtered by keyword, after a cursor, as publish-service asks it.
        Document page = new Document("keywordSlugs", new Document("$in", List.of("a", "b")))
                .append("$or", List.of(new Document("sortAt", new Document("$lt", 5)),
                        new Document("sortAt", 5).append("_id", new Document("$lt", "x"))))
                .append("$nor", List.of(new Document("entities.kind", "person")))
                .append("$and", List.of(new Document("$or", List.of(new Document("language", "fr"))),
                        new Document("tags", new Document("$elemMatch", new Document("slug", "t")))));
        assertEquals(Set.of("keywordSlugs", "sortAt", "_id", "entities", "language", "tags"),
                DurableH2Backend.fieldsTested(page));
        assertEquals(Set.of(), DurableH2Backend.fieldsTested(new Document()));
    }

    @Test
    void namesNothingWhenAnOperatorCouldReadAnyField() {
        assertNull(DurableH2Backend.fieldsTested(new Document("language", "fr")
                .append("$expr", new Document("$gt", List.of("$a", "$b")))));
        assertNull(DurableH2Backend.fieldsTested(new Document("$or", List.of(new Document("$where", "true")))));
        assertNull(DurableH2Backend.fieldsTested(new Document("$and", "not a list")));
    }
}
