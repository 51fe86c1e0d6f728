package io.newsflow.ingest.store;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.types.Binary;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;

import io.newsflow.ingest.config.IngestConfig;

/**
 * Where near-duplicate candidates are found without a scan (docs/adr/0007). Two fingerprints at most 7 bits apart
 * share at least one of eight 8-bit bands exactly (pigeonhole), so each emitted article is listed in eight bucket
 * documents, one per band, whose {@code _id} is the band and its value ({@code "3:a7"}). Finding the candidates of a
 * whole batch is one query on the {@code _id} index for at most eight buckets per article; listing a batch is one
 * bulk write.
 *
 * <p>What bounds the cost is each bucket's length, not the store's size: a bucket keeps its newest
 * {@code bucket-size} entries, and entries older than the configured window are ignored. Syndicated copies arrive
 * within hours or days of their original; the window says how far back to look, the bucket size how much reading that
 * may cost per article at most.
 */
@ApplicationScoped
public class SimHashBuckets {

    static final String COLLECTION = "ingest_simhash_buckets";
    static final int BANDS = 8;
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> buckets;
    private final Duration window;
    private final int bucketSize;
    private final boolean compact;

    SimHashBuckets(MongoClient client, IngestConfig config) {
        this.buckets = client.getDatabase(config.database()).getCollection(COLLECTION);
        this.window = config.nearDuplicates().window();
        this.bucketSize = config.nearDuplicates().bucketSize();
        this.compact = config.nearDuplicates().compactEntries();
    }

    /**
     * The articles listed, within the window, in any band of any of these fingerprints; one query on {@code _id}.
     * The caller measures the distance: sharing a band only makes an article a candidate.
     */
    public Candidates candidates(Collection<Long> simHashes, Instant now) {
        Set<String> keys = new LinkedHashSet<>();
        simHashes.forEach(h -> keys.addAll(keys(h)));
        Map<String, List<Candidate>> byBucket = new HashMap<>();
        if (!keys.isEmpty()) {
            long oldest = now.minus(window).getEpochSecond();
            for (Document bucket : buckets.find(Filters.in("_id", keys))) {
                List<Candidate> listed = new ArrayList<>();
                for (Object entry : bucket.getList("e", Object.class, List.of())) {
                    Candidate candidate = Candidate.parse(entry);
                    if (candidate != null && candidate.listedAt() >= oldest) {
                        listed.add(candidate);
                    }
                }
                byBucket.put(bucket.getString("_id"), listed);
            }
        }
        return new Candidates(byBucket);
    }

    /** Lists these emitted articles in their eight buckets each; one unordered bulk write. */
    public void add(Collection<Candidate> emitted) {
        Map<String, List<Object>> entries = new LinkedHashMap<>();
        for (Candidate c : emitted) {
            for (String key : keys(c.simHash())) {
                entries.computeIfAbsent(key, k -> new ArrayList<>()).add(c.entry(compact));
            }
        }
        List<WriteModel<Document>> writes = new ArrayList<>(entries.size());
        // $slice keeps the newest entries: a bucket never grows past its size, whatever the store holds.
        PushOptions newest = new PushOptions().slice(-bucketSize);
        entries.forEach((key, listed) -> writes.add(
                new UpdateOneModel<>(Filters.eq("_id", key), Updates.pushEach("e", listed, newest), UPSERT)));
        if (!writes.isEmpty()) {
            buckets.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    static List<String> keys(long simHash) {
        List<String> keys = new ArrayList<>(BANDS);
        for (int band = 0; band < BANDS; band++) {
            keys.add(band + ":" + Long.toHexString(simHash >>> (band * 8) & 0xff));
        }
        return keys;
    }

    /** The candidates found for a batch, by bucket. */
    public record Candidates(Map<String, List<Candidate>> byBucket) {

        /** These articles as their buckets would list them. */
        public static Candidates of(Collection<Candidate> listed) {
            Map<String, List<Candidate>> byBucket = new HashMap<>();
            for (Candidate c : listed) {
                for (String key : keys(c.simHash())) {
                    byBucket.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
                }
            }
            return new Candidates(byBucket);
        }

        /** The first listed article within {@code maxDistance} bits of {@code simHash}, if any. */
        public Optional<String> nearest(long simHash, int maxDistance) {
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            for (String key : keys(simHash)) {
                for (Candidate c : byBucket.getOrDefault(key, List.of())) {
                    int distance = Long.bitCount(c.simHash() ^ simHash);
                    if (distance <= maxDistance && distance < bestDistance) {
                        best = c.articleId();
                        bestDistance = distance;
                    }
                }
            }
            return Optional.ofNullable(best);
        }
    }

    /**
     * An emitted article in a bucket. A lookup reads up to eight full buckets and a listing rewrites eight, so an entry
     * is as small as it can be: 24 bytes of BSON binary, the id's 12 bytes (ids are 24 hex digits), the fingerprint's
     * 8 and the second it was listed in 4 (unsigned, good until 2106). That halves the bytes of a full bucket, and the
     * server and the driver handle 24 bytes per entry instead of a string of some 52 characters (which the reader
     * then split and parsed). An id of another shape is listed as the text
     * {@code "<id> <fingerprint in hex> <epoch second>"}, which is also how entries were written before, and how all
     * are written with {@code near-duplicates.compact-entries=false} (for a rolling upgrade: earlier versions read
     * text only). Both are read, so buckets written by an earlier version keep working while new entries push old
     * ones out.
     */
    public record Candidate(String articleId, long simHash, long listedAt) {

        private static final HexFormat HEX = HexFormat.of();
        private static final int ID_BYTES = 12;
        private static final int BINARY_BYTES = ID_BYTES + Long.BYTES + Integer.BYTES;

        /** The entry as binary if {@code compact} and it fits, else as text. */
        Object entry(boolean compact) {
            if (!compact || !isCompactId(articleId) || listedAt < 0 || listedAt > 0xffff_ffffL) {
                return articleId + " " + Long.toHexString(simHash) + " " + listedAt;
            }
            ByteBuffer bytes = ByteBuffer.allocate(BINARY_BYTES);
            bytes.put(HEX.parseHex(articleId)).putLong(simHash).putInt((int) listedAt);
            return new Binary(bytes.array());
        }

        /** The candidate an entry lists, or null for an entry of no known shape (skipped, not fatal to a push). */
        static Candidate parse(Object entry) {
            if (entry instanceof Binary binary && binary.getType() == BsonBinarySubType.BINARY.getValue()
                    && binary.length() == BINARY_BYTES) {
                // getData() copies the bytes: once.
                byte[] data = binary.getData();
                ByteBuffer bytes = ByteBuffer.wrap(data, ID_BYTES, Long.BYTES + Integer.BYTES);
                return new Candidate(HEX.formatHex(data, 0, ID_BYTES), bytes.getLong(),
                        Integer.toUnsignedLong(bytes.getInt()));
            }
            if (entry instanceof String text) {
                String[] parts = text.split(" ", 3);
                if (parts.length == 3) {
                    try {
                        return new Candidate(parts[0], Long.parseUnsignedLong(parts[1], 16), Long.parseLong(parts[2]));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            }
            return null;
        }

        /** 24 lowercase hex digits, the shape of every id ingest-service gives (ArticleIdentity): 12 bytes. */
        private static boolean isCompactId(String id) {
            if (id.length() != 2 * ID_BYTES) {
                return false;
            }
            for (int i = 0; i < id.length(); i++) {
                char c = id.charAt(i);
                if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                    return false;
                }
            }
            return true;
        }
    }
}
