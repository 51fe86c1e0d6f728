package io.newsflow.benchmarks.pipeline;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;

/**
 * Writes a history of webhook deliveries, as months of delivering to a receiver leave it: each delivered, in the
 * collection where publish-service keeps finished deliveries ({@code webhook_delivery_history}, without their bodies).
 * Used by {@code benchmarks/pipeline/idle-cost} to show what that history costs the stack while nothing is delivered.
 *
 * <p>
 * Arguments: MongoDB connection string, database, number of deliveries.
 */
public final class DeliveryHistory {

    private DeliveryHistory() {
    }

    public static void main(String[] args) {
        String uri = args[0];
        String database = args[1];
        int count = Integer.parseInt(args[2]);
        try (MongoClient client = MongoClients.create(uri)) {
            MongoCollection<Document> deliveries = client.getDatabase(database)
                    .getCollection("webhook_delivery_history");
            String webhook = "history-" + UUID.randomUUID();
            Date at = new Date();
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String article = UUID.randomUUID().toString();
                batch.add(new Document("_id", webhook + ":" + article + ":1").append("webhookId", webhook)
                        .append("articleId", article).append("revision", 1).append("status", "delivered")
                        .append("attempts", 1)
                        .append("createdAt", at).append("deliveredAt", at).append("lastAttemptAt", at));
                if (batch.size() == 1000 || i == count - 1) {
                    deliveries.insertMany(batch);
                    batch.clear();
                }
            }
            System.out.printf("%d delivered webhook deliveries written%n", count);
        }
    }
}
