package io.newsflow.ingest.store;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.Document;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.newsflow.ingest.config.IngestConfig;
import io.newsflow.outbound.HostRefusals;

/**
 * The hosts that answered 429 or 503, shared by every ingest-service instance in {@code host_refusals}, one document
 * per host keyed by it: a host that refused one instance is left alone by all (docs/adr/0011). Each method is one
 * point operation on {@code _id}: a read before each fetch of a host, and writes only when a host refuses or answers
 * again after a refusal.
 */
@ApplicationScoped
public class HostRefusalStore implements HostRefusals {

    private static final String IN_A_ROW = "inARow";
    private static final String NOT_BEFORE = "notBefore";

    private final MongoCollection<Document> refusals;

    HostRefusalStore(MongoClient client, IngestConfig config) {
        this.refusals = client.getDatabase(config.database()).getCollection("host_refusals");
    }

    @Override
    public Optional<Refusal> of(String host) {
        Document d = refusals.find(Filters.eq("_id", host)).projection(Projections.include(IN_A_ROW, NOT_BEFORE))
                .first();
        return Optional.ofNullable(d).map(HostRefusalStore::refusal);
    }

    @Override
    public int refused(String host) {
        // Atomic on the host's document: two instances refused at once count two refusals.
        Document d = refusals.findOneAndUpdate(Filters.eq("_id", host),
                Updates.combine(Updates.inc(IN_A_ROW, 1), Updates.setOnInsert(NOT_BEFORE, new Date(0))),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        return d.getInteger(IN_A_ROW, 1);
    }

    @Override
    public void notBefore(String host, Instant until) {
        // An upsert: another instance's answer may have removed the document between the count and this write.
        refusals.updateOne(Filters.eq("_id", host),
                Updates.combine(Updates.max(NOT_BEFORE, Date.from(until)), Updates.setOnInsert(IN_A_ROW, 1)),
                new UpdateOptions().upsert(true));
    }

    @Override
    public void answered(String host, Refusal seen) {
        // Only the refusal this instance read: one counted since (another instance refused meanwhile) stands.
        refusals.deleteOne(Filters.and(Filters.eq("_id", host), Filters.eq(IN_A_ROW, seen.inARow())));
    }

    private static Refusal refusal(Document d) {
        Date notBefore = d.getDate(NOT_BEFORE);
        return new Refusal(d.getInteger(IN_A_ROW, 0), notBefore == null ? Instant.EPOCH : notBefore.toInstant());
    }
}
