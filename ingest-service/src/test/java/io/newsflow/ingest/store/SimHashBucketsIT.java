package io.newsflow.ingest.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import jakarta.inject.Inject;

import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;

import io.newsflow.ingest.config.IngestConfig;
import io.newsflow.localservers.RealServersResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The near-duplicate buckets as stored: written and read back through the real MongoDB-wire server, with their two
 * bounds, the bucket size (64 by default) and the window (7 days).
 */
@QuarkusTest
@WithTestResource(RealServersResource.class)
class SimHashBucketsIT {

    @Inject
    SimHashBuckets buckets;

    @Inject
    MongoClient client;

    @Inject
    IngestConfig config;

    /** Fingerprints that share their lowest byte (band 0) and differ widely elsewhere: one bucket in common. */
    static List<Long> sharingBandZero(int count, Random random) {
        long band = random.nextInt(256);
        List<Long> hashes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hashes.add(random.nextLong() & ~0xffL | band);
        }
        return hashes;
    }

    @Test
    void keepsTheNewestArticlesOfABucketUpToItsSize() {
        Random random = new Random(System.nanoTime());
        List<Long> hashes = sharingBandZero(70, random);
        Instant now = Instant.now();
        List<SimHashBuckets.Candidate> listed = new ArrayList<>();
        for (int i = 0; i < hashes.size(); i++) {
            listed.add(new SimHashBuckets.Candidate("bucket-" + random.nextLong() + "-" + i, hashes.get(i),
                    now.getEpochSecond()));
        }
        // Listed in two writes, as two batches would be.
        buckets.add(listed.subList(0, 35));
        buckets.add(listed.subList(35, 70));

        String bandZero = SimHashBuckets.keys(hashes.get(69)).get(0);
        List<String> found = buckets.candidates(List.of(hashes.get(69)), now).byBucket().get(bandZero).stream()
                .map(SimHashBuckets.Candidate::articleId).toList();
        // Other tests' articles may share the bucket; this test's own are the newest entries in it.
        List<String> newest = listed.subList(6, 70).stream().map(SimHashBuckets.Candidate::articleId).toList();
        assertEquals(64, found.size(), "a bucket holds at most bucket-size entries");
        assertEquals(newest, found, "the oldest six made room");
        // An entry read back from the server is the same article and fingerprint.
        assertEquals(Optional.of(listed.get(69).articleId()),
                buckets.candidates(List.of(hashes.get(69)), now).nearest(hashes.get(69), 0));
        // The first one is gone from band 0; other bands of its own may still list it, so ask band 0 alone.
        assertTrue(buckets.candidates(List.of(hashes.get(0)), now).byBucket().get(bandZero).stream()
                .noneMatch(c -> c.articleId().equals(listed.get(0).articleId())), "an evicted entry is gone");
    }

    @Test
    void ignoresArticlesListedBeforeTheWindow() {
        Random random = new Random(System.nanoTime());
        long old = sharingBandZero(1, random).get(0);
        Instant now = Instant.now();
        String id = "old-" + random.nextLong();
        buckets.add(List.of(new SimHashBuckets.Candidate(id, old, now.minus(Duration.ofDays(8)).getEpochSecond())));

        assertEquals(Optional.empty(), buckets.candidates(List.of(old), now).nearest(old, 0));
        // The same entry is a candidate for a look from within the window of its listing.
        assertEquals(Optional.of(id), buckets.candidates(List.of(old), now.minus(Duration.ofDays(7))).nearest(old, 0));
    }

    @Test
    void listsAnArticleOfIngestsIdShapeAsTwentyFourBytesAndReadsItBackWhole() {
        Random random = new Random(System.nanoTime());
        long hash = sharingBandZero(1, random).get(0);
        String id = HexFormat.of().formatHex(randomBytes(random, 12));
        long listedAt = Instant.now().getEpochSecond();
        buckets.add(List.of(new SimHashBuckets.Candidate(id, hash, listedAt)));

        String bandZero = SimHashBuckets.keys(hash).get(0);
        // Other tests may list articles in the same bucket: this one's entry starts with its id's bytes.
        byte[] idBytes = HexFormat.of().parseHex(id);
        List<Binary> ours = bucket(bandZero).getList("e", Object.class).stream()
                .filter(e -> e instanceof Binary b && Arrays.equals(idBytes, 0, 12, b.getData(), 0, 12))
                .map(Binary.class::cast).toList();
        assertEquals(1, ours.size(), "listed once, as binary");
        assertEquals(24, ours.get(0).length(), "12 bytes of id, 8 of fingerprint, 4 of time");
        assertEquals(List.of(new SimHashBuckets.Candidate(id, hash, listedAt)),
                buckets.candidates(List.of(hash), Instant.ofEpochSecond(listedAt)).byBucket().get(bandZero).stream()
                        .filter(c -> c.articleId().equals(id)).toList());
    }

    @Test
    void readsTextEntriesOfEarlierVersionsBesideCompactOnesAndSkipsWhatItCannotRead() {
        Random random = new Random(System.nanoTime());
        List<Long> hashes = sharingBandZero(2, random);
        String bandZero = SimHashBuckets.keys(hashes.get(0)).get(0);
        long listedAt = Instant.now().getEpochSecond();
        String older = HexFormat.of().formatHex(randomBytes(random, 12));
        // As an earlier version listed it, then an entry of no known shape, then one listed now.
        collection().updateOne(Filters.eq("_id", bandZero), Updates.pushEach("e",
                List.of(older + " " + Long.toHexString(hashes.get(0)) + " " + listedAt, "not an entry")),
                new UpdateOptions().upsert(true));
        String newer = HexFormat.of().formatHex(randomBytes(random, 12));
        buckets.add(List.of(new SimHashBuckets.Candidate(newer, hashes.get(1), listedAt)));

        SimHashBuckets.Candidates found = buckets.candidates(List.of(hashes.get(0)), Instant.now());
        assertEquals(Optional.of(older), found.nearest(hashes.get(0), 0));
        assertEquals(Optional.of(newer), found.nearest(hashes.get(1), 0));
    }

    private static byte[] randomBytes(Random random, int count) {
        byte[] bytes = new byte[count];
        random.nextBytes(bytes);
        return bytes;
    }

    private MongoCollection<Document> collection() {
        return client.getDatabase(config.database()).getCollection(SimHashBuckets.COLLECTION);
    }

    private Document bucket(String key) {
        return collection().find(Filters.eq("_id", key)).first();
    }
}
