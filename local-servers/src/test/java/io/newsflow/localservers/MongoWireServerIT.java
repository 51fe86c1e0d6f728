package io.newsflow.localservers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

/** mongo-java-server over TCP with the real MongoDB driver; nothing is faked. */
class MongoWireServerIT {

    @TempDir
    Path dir;

    @Test
    void reportsDuplicateKeysLikeMongoDb() {
        try (MongoWireServer server = MongoWireServer.inMemory();
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> articles = client.getDatabase("t").getCollection("articles");
            articles.insertOne(new Document("_id", "a1"));
            MongoWriteException e = assertThrows(MongoWriteException.class,
                    () -> articles.insertOne(new Document("_id", "a1")));
            assertEquals(ErrorCategory.DUPLICATE_KEY, ErrorCategory.fromErrorCode(e.getCode()));
        }
    }

    @Test
    void keepsDocumentsInItsFileAcrossARestart() throws Exception {
        Path file = dir.resolve("newsflow.mv");
        int port = KafkaBroker.freePort();
        try (MongoWireServer server = MongoWireServer.inFile(file, "127.0.0.1", port);
                MongoClient client = MongoClients.create(server.connectionString())) {
            client.getDatabase("t").getCollection("articles").insertOne(new Document("_id", "kept"));
        }
        try (MongoWireServer server = MongoWireServer.inFile(file, "127.0.0.1", port);
                MongoClient client = MongoClients.create(server.connectionString())) {
            assertEquals(1, client.getDatabase("t").getCollection("articles").countDocuments(new Document("_id", "kept")));
        }
    }
}
