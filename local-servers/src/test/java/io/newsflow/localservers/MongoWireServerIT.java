package io.newsflow.localservers;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import com.mongodb.ConnectionString;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * mongo-java-server over TCP with the real MongoDB driver; nothing is faked. The kill test runs the server as
 * {@code ./newsflow up} does, in its own JVM, and kills that JVM with SIGKILL.
 */
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
            assertEquals(1,
                    client.getDatabase("t").getCollection("articles").countDocuments(new Document("_id", "kept")));
        }
    }

    @Test
    void keepsEveryAcknowledgedWriteWhenKilledMidStream() throws Exception {
        assertEquals(List.of(), lostAfterKillMidStream(dir.resolve("killed.mv"), List.of(), line -> true));
    }

    /**
     * The housekeeping thread copies live pages out of old chunks while clients write (its retention time shortened so
     * that chunks are old enough within seconds): killed after it has done so at least once, the server still has every
     * write it acknowledged, whether it sat in a chunk rewritten, freed, or reused.
     */
    @Test
    void keepsEveryAcknowledgedWriteWhenKilledWhileItRewritesOldChunks() throws Exception {
        AtomicBoolean rewrote = new AtomicBoolean();
        List<String> lost = lostAfterKillMidStream(dir.resolve("rewritten.mv"),
                List.of("-Dnewsflow.mongodb.retention-millis=100"), line -> {
                    if (line.contains("housekeeping:")) {
                        rewrote.set(true);
                    }
                    return rewrote.get();
                });
        assertTrue(rewrote.get(), "the server never rewrote a chunk before it was killed");
        assertEquals(List.of(), lost);
    }

    /**
     * Inserts and revision-guarded replaces from four clients into a server in its own JVM, kills it with SIGKILL once
     * 300 writes are acknowledged and {@code ready} has accepted a line of its output, restarts it on the same file
     * and returns the acknowledged writes that are not there.
     */
    private List<String> lostAfterKillMidStream(Path file, List<String> jvmOptions, Predicate<String> ready)
            throws Exception {
        int port = KafkaBroker.freePort();
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicBoolean readyToKill = new AtomicBoolean(ready.test(""));
        Process server = startServerProcess(port, file, jvmOptions, line -> {
            if (ready.test(line)) {
                readyToKill.set(true);
            }
        });
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + port))
                .applyToClusterSettings(c -> c.serverSelectionTimeout(2, TimeUnit.SECONDS))
                .applyToSocketSettings(s -> s.connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS))
                .build())) {
            MongoCollection<Document> articles = client.getDatabase("t").getCollection("articles");
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService writers = Executors.newFixedThreadPool(4);
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int i = 0; writing.get(); i++) {
                        String id = writer + "-" + i;
                        try {
                            // Inserts and revision-guarded replaces, the two writes publish-service makes.
                            articles.insertOne(
                                    new Document("_id", id).append("revision", 1).append("text", "x".repeat(500)));
                            articles.replaceOne(Filters.and(Filters.eq("_id", id), Filters.lt("revision", 2)),
                                    new Document("_id", id).append("revision", 2), new ReplaceOptions().upsert(true));
                            acknowledged.add(id);
                        } catch (RuntimeException e) {
                            return;
                        }
                    }
                });
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged.size() >= 300 && readyToKill.get());
            server.destroyForcibly().waitFor();
            writing.set(false);
            writers.shutdown();
            writers.awaitTermination(30, TimeUnit.SECONDS);
        } finally {
            server.destroyForcibly().waitFor();
        }

        Process restarted = startServerProcess(port, file, List.of(), line -> {
        });
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            MongoCollection<Document> articles = client.getDatabase("t").getCollection("articles");
            assertTrue(acknowledged.size() >= 300);
            return acknowledged.stream()
                    .filter(id -> articles.find(Filters.and(Filters.eq("_id", id), Filters.eq("revision", 2)))
                            .first() == null)
                    .sorted().toList();
        } finally {
            restarted.destroyForcibly().waitFor();
        }
    }

    /**
     * The same churn (documents inserted one commit at a time, one document rewritten after each) written twice into
     * two files, once with housekeeping steps between the writes and once without: the file without them grows again
     * by what the first round took, the other reuses the space its steps gave back; afterwards every document is in
     * the compacted file exactly as written.
     */
    @Test
    void givesBackTheSpaceOfDeadPagesSoThatAFileUnderChurnStopsGrowing() throws Exception {
        Path kept = dir.resolve("housekept.mv");
        Path left = dir.resolve("left.mv");
        try (MongoWireServer housekept = MongoWireServer.inFile(kept, "127.0.0.1", KafkaBroker.freePort(), false, 0);
                MongoWireServer untouched = MongoWireServer.inFile(left, "127.0.0.1", KafkaBroker.freePort(), false, 0);
                MongoClient a = MongoClients.create(housekept.connectionString());
                MongoClient b = MongoClients.create(untouched.connectionString())) {
            MongoCollection<Document> compacted = a.getDatabase("t").getCollection("articles");
            MongoCollection<Document> plain = b.getDatabase("t").getCollection("articles");
            churn(compacted, 0, null);
            churn(plain, 0, null);
            long firstRound = Files.size(kept);
            long plainFirstRound = Files.size(left);
            // The precondition that makes this test mean something: most of what the writes left in the file is dead.
            assertTrue(housekept.chunksFillRate() < DurableH2Backend.REWRITE_AT_MOST_LIVE,
                    "chunks " + housekept.chunksFillRate() + "% live after the churn");
            assertTrue(idleSteps(housekept) > 0, "nothing was rewritten");
            // A dead chunk is freed only once MVStore keeps no version that could read it, some commits later: writes
            // come, and the next idle steps move chunks into the space freed and shorten the file.
            for (int i = 0; i < 10; i++) {
                compacted.updateOne(Filters.eq("_id", "counter"), new Document("$inc", new Document("n", 1)));
            }
            housekept.compactStep();
            idleSteps(housekept);
            long settled = Files.size(kept);
            assertTrue(settled < firstRound,
                    "idle steps left the file at " + settled + " bytes, " + firstRound + " before");

            churn(compacted, 1, housekept);
            churn(plain, 1, null);
            long compactedGrowth = Files.size(kept) - settled;
            long plainGrowth = Files.size(left) - plainFirstRound;
            assertTrue(compactedGrowth * 2 < plainGrowth,
                    "second round grew the file " + compactedGrowth + " bytes with housekeeping, " + plainGrowth
                            + " without");
        }
        try (MongoWireServer reopened = MongoWireServer.inFile(kept, "127.0.0.1", KafkaBroker.freePort(), false, -1);
                MongoClient client = MongoClients.create(reopened.connectionString())) {
            MongoCollection<Document> articles = client.getDatabase("t").getCollection("articles");
            assertEquals(CHURN_DOCUMENTS * 2 + 1, articles.countDocuments());
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < CHURN_DOCUMENTS; i++) {
                    assertEquals(churnDocument(round, i), articles.find(Filters.eq("_id", round + "-" + i)).first());
                }
            }
            assertEquals(CHURN_DOCUMENTS * 2 + 10, articles.find(Filters.eq("_id", "counter")).first().getInteger("n"));
        }
    }

    private static final int CHURN_DOCUMENTS = 1500;

    /** Housekeeping steps with no write between them, until one finds nothing to do; how many did something. */
    private static int idleSteps(MongoWireServer server) {
        int steps = 0;
        while (server.compactStep()) {
            assertTrue(++steps < 100, "idle housekeeping never settles");
        }
        return steps;
    }

    /** Each document its own commit, and after each a counter rewritten: most of every commit's pages die at once. */
    private static void churn(MongoCollection<Document> articles, int round, MongoWireServer stepping) {
        for (int i = 0; i < CHURN_DOCUMENTS; i++) {
            articles.insertOne(churnDocument(round, i));
            articles.updateOne(Filters.eq("_id", "counter"), new Document("$inc", new Document("n", 1)),
                    new UpdateOptions().upsert(true));
            if (stepping != null && i % 20 == 19) {
                stepping.compactStep();
            }
        }
    }

    private static Document churnDocument(int round, int i) {
        return new Document("_id", round + "-" + i).append("round", round).append("text", ("w" + i + " ").repeat(150));
    }

    /**
     * The stock collection applied an update to the very document its store held, while another client's commit could
     * be writing that document to the file: a field added or removed mid-write made the commit fail, and the store
     * closed itself for good ("Map ... is closed"), failing every later command. Here many clients grow and reshape a
     * few shared documents at once, as the ingest's near-duplicate buckets are, while others read them; every
     * acknowledged change must be there, with the server still answering.
     */
    @Test
    void staysOpenAndKeepsEveryChangeWhileManyClientsReshapeAndReadTheSameDocuments() throws Exception {
        int clients = 8;
        int updates = 400;
        int documents = 5;
        try (MongoWireServer server = MongoWireServer.inFile(dir.resolve("shared.mv"), "127.0.0.1", 0);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> buckets = client.getDatabase("t").getCollection("buckets");
            ExecutorService writers = Executors.newFixedThreadPool(clients);
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int writer = c;
                done.add(writers.submit(() -> {
                    for (int i = 0; i < updates; i++) {
                        String id = "b" + (i % documents);
                        // A field that appears and one that goes (structural changes to the stored document), and a
                        // list that grows, as $push with $each does to a bucket.
                        buckets.updateOne(Filters.eq("_id", id), new Document("$push",
                                new Document("e", writer + "-" + i))
                                .append("$set", new Document("w" + writer + "x" + i, "y".repeat(200)))
                                .append("$unset", new Document("w" + writer + "x" + (i - documents), "")),
                                new UpdateOptions().upsert(true));
                    }
                    return null;
                }));
            }
            // Readers meanwhile: each sees every bucket's list only grow, and no commit fails while writers reshape
            // the documents it is writing (a write that edited a stored document in place would fail one).
            java.util.concurrent.atomic.AtomicBoolean writing = new java.util.concurrent.atomic.AtomicBoolean(true);
            ExecutorService readers = Executors.newFixedThreadPool(2);
            List<java.util.concurrent.Future<Integer>> reads = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                reads.add(readers.submit(() -> {
                    java.util.Map<String, Integer> seen = new java.util.HashMap<>();
                    int answers = 0;
                    while (writing.get()) {
                        for (Document bucket : buckets.find(Filters.in("_id", "b0", "b1", "b2", "b3", "b4"))) {
                            int size = bucket.getList("e", Object.class).size();
                            int before = seen.getOrDefault(bucket.getString("_id"), 0);
                            assertTrue(size >= before, "a bucket's list shrank from " + before + " to " + size);
                            seen.put(bucket.getString("_id"), size);
                        }
                        answers++;
                    }
                    return answers;
                }));
            }
            try {
                for (java.util.concurrent.Future<?> writer : done) {
                    writer.get(120, TimeUnit.SECONDS);
                }
            } finally {
                writers.shutdown();
                writing.set(false);
                readers.shutdown();
            }
            for (java.util.concurrent.Future<Integer> reader : reads) {
                assertTrue(reader.get(30, TimeUnit.SECONDS) > 0, "a reader got no answer");
            }
            List<Object> pushed = new ArrayList<>();
            for (Document bucket : buckets.find()) {
                pushed.addAll(bucket.getList("e", Object.class));
            }
            assertEquals(clients * updates, pushed.size());
            assertEquals(clients * updates, Set.copyOf(pushed).size());
        }
    }

    /**
     * A commit writes each leaf it changed in full, the changed document and the unchanged ones beside it. Every kind of
     * write a service makes (upserts with $push and $slice, replaces, findAndModify, updateMany, deletes, inserts)
     * changes some of many small documents that share leaves, each in a commit of its own, with a restart between
     * rounds: after each restart the server answers exactly what it answered before it.
     */
    @Test
    void keepsEveryChangeToSmallDocumentsThatShareLeavesAcrossRestarts() throws Exception {
        Path file = dir.resolve("leaves.mv");
        int port = KafkaBroker.freePort();
        java.util.Random random = new java.util.Random(7);
        List<Document> expected = null;
        for (int round = 0; round < 3; round++) {
            try (MongoWireServer server = MongoWireServer.inFile(file, "127.0.0.1", port);
                    MongoClient client = MongoClients.create(server.connectionString())) {
                MongoCollection<Document> small = client.getDatabase("t").getCollection("small");
                if (expected != null) {
                    assertEquals(expected, small.find().sort(Sorts.ascending("_id")).into(new ArrayList<>()),
                            "as acknowledged before the restart");
                }
                for (int i = 0; i < 300; i++) {
                    String id = String.format("d%03d", random.nextInt(200));
                    switch (i % 6) {
                        case 0 -> small.updateOne(Filters.eq("_id", id),
                                new Document("$inc", new Document("n", 1)).append("$push",
                                        new Document("e", new Document("$each", List.of(round + "-" + i))
                                                .append("$slice", -4))),
                                new UpdateOptions().upsert(true));
                        case 1 -> small.replaceOne(Filters.eq("_id", id),
                                new Document("_id", id).append("replaced", i), new ReplaceOptions().upsert(true));
                        case 2 -> small.findOneAndUpdate(Filters.eq("_id", id),
                                new Document("$set", new Document("found", i)).append("$unset",
                                        new Document("replaced", "")));
                        case 3 -> small.updateMany(Filters.in("_id", id, String.format("d%03d", (i * 7) % 200)),
                                new Document("$set", new Document("many", i)));
                        case 4 -> small.deleteOne(Filters.eq("_id", id));
                        default -> small.insertMany(List.of(new Document("_id", "x" + round + "-" + i).append("i", i)));
                    }
                }
                expected = small.find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
                assertTrue(expected.size() > 100, "documents to share leaves: " + expected.size());
            }
        }
        try (MongoWireServer server = MongoWireServer.inFile(file, "127.0.0.1", port);
                MongoClient client = MongoClients.create(server.connectionString())) {
            assertEquals(expected, client.getDatabase("t").getCollection("small").find().sort(Sorts.ascending("_id"))
                    .into(new ArrayList<>()), "as acknowledged before the last restart");
        }
    }

    @Test
    void countsEveryIncrementOnceWhenManyClientsFindAndModifyOneDocument() throws Exception {
        int clients = 8;
        int increments = 100;
        // The server the tests run on (in memory); the stock in-memory backend answered two increments with one count.
        try (MongoWireServer server = MongoWireServer.inMemory();
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> counters = client.getDatabase("t").getCollection("counters");
            counters.insertOne(new Document("_id", "c").append("n", 0));
            ExecutorService writers = Executors.newFixedThreadPool(clients + 1);
            List<java.util.concurrent.Future<List<Integer>>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(writers.submit(() -> {
                    List<Integer> seen = new ArrayList<>();
                    for (int i = 0; i < increments; i++) {
                        // As a host's refusals are counted by several instances at once (HostRefusalStore).
                        seen.add(counters.findOneAndUpdate(Filters.eq("_id", "c"),
                                new Document("$inc", new Document("n", 1)).append("$setOnInsert",
                                        new Document("since", new java.util.Date(0))),
                                new com.mongodb.client.model.FindOneAndUpdateOptions().upsert(true)
                                        .returnDocument(com.mongodb.client.model.ReturnDocument.AFTER))
                                .getInteger("n"));
                    }
                    return seen;
                }));
            }
            // Other writes meanwhile, as a running service makes them: each command commits, some wait for others.
            MongoCollection<Document> other = client.getDatabase("t").getCollection("other");
            java.util.concurrent.Future<?> background = writers.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    other.insertOne(new Document("_id", "o" + i).append("text", "x".repeat(2000)));
                }
                return null;
            });
            List<Integer> answered = new ArrayList<>();
            for (java.util.concurrent.Future<List<Integer>> writer : done) {
                answered.addAll(writer.get(120, TimeUnit.SECONDS));
            }
            background.get(120, TimeUnit.SECONDS);
            writers.shutdown();
            assertEquals(clients * increments, Set.copyOf(answered).size(), "each increment answered its own count");
            assertEquals(clients * increments, counters.find().first().getInteger("n"));
        }
    }

    @Test
    void answersQueriesThatPinTheIdExactlyAsAScanWould() throws Exception {
        Path file = dir.resolve("lookups.mv");
        try (MongoWireServer server = MongoWireServer.inFile(file, "127.0.0.1", KafkaBroker.freePort());
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> articles = client.getDatabase("t").getCollection("articles");
            for (int i = 0; i < 20; i++) {
                articles.insertOne(new Document("_id", "a" + i).append("revision", i % 4));
            }
            long scansAtStart = server.fullScans();
            assertEquals(1, articles.find(Filters.and(Filters.eq("_id", "a3"), Filters.lt("revision", 4)))
                    .into(new ArrayList<>()).size());
            assertEquals(0, articles.find(Filters.and(Filters.eq("_id", "a3"), Filters.lt("revision", 3)))
                    .into(new ArrayList<>()).size());
            assertEquals(List.of("a2", "a1"), articles.find(Filters.and(Filters.in("_id", "a1", "a2", "a3", "zz"),
                    Filters.lte("revision", 2))).sort(Sorts.descending("_id")).map(d -> d.getString("_id"))
                    .into(new ArrayList<>()));
            // A guarded replace whose guard fails must not touch the stored document; upserting it collides on _id.
            assertThrows(MongoWriteException.class, () -> articles.replaceOne(
                    Filters.and(Filters.eq("_id", "a3"), Filters.lt("revision", 3)),
                    new Document("_id", "a3").append("revision", 3), new ReplaceOptions().upsert(true)));
            assertEquals(3, articles.find(Filters.eq("_id", "a3")).first().getInteger("revision"));
            // The driver writes Filters.and as {$and: [...]}: every query and write above pinned _id and read no
            // other document, which is what keeps a guarded upsert's cost flat as a collection grows.
            // Ids alone: each found once, whatever the list repeats, missing ones left out.
            assertEquals(List.of("a1", "a2"), articles.find(Filters.in("_id", "a2", "zz", "a1", "a2"))
                    .sort(Sorts.ascending("_id")).map(d -> d.getString("_id")).into(new ArrayList<>()));
            assertEquals(scansAtStart, server.fullScans());
            long scansBefore = server.fullScans();
            articles.updateOne(Filters.and(Filters.eq("_id", "a5"), Filters.lt("revision", 9)),
                    new Document("$set", new Document("revision", 9)));
            articles.find(Filters.and(Filters.in("_id", "a6", "a7"), Filters.exists("v", false))).first();
            assertEquals(scansBefore, server.fullScans());
            // A range on _id is not a point lookup and still answers correctly.
            assertEquals(2, articles.find(Filters.and(Filters.gte("_id", "a18"), Filters.lt("_id", "a2"),
                    Filters.gte("revision", 0))).into(new ArrayList<>()).size());
            assertTrue(server.fullScans() > scansBefore, "the range query was not counted as a scan");
        }
    }

    @Test
    void keepsEveryKindOfIdUniqueAndFindableInItsFileAcrossARestart() throws Exception {
        Path file = dir.resolve("ids.mv");
        int port = KafkaBroker.freePort();
        ObjectId objectId = new ObjectId();
        try (MongoWireServer server = MongoWireServer.inFile(file, "127.0.0.1", port);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("t").getCollection("ids");
            docs.insertMany(List.of(new Document("_id", "a1"), new Document("_id", "a2"), new Document("_id", "b1"),
                    new Document("_id", objectId), new Document("_id", 7), new Document("_id", new Document("k", 1))));
            assertDuplicate(() -> docs.insertOne(new Document("_id", "a1")));
            assertDuplicate(() -> docs.insertOne(new Document("_id", objectId)));
            // MongoDB compares numbers by value: 7.0 is the key 7.
            assertDuplicate(() -> docs.insertOne(new Document("_id", 7.0)));
            assertDuplicate(() -> docs.insertOne(new Document("_id", new Document("k", 1))));
            docs.deleteOne(Filters.eq("_id", "a2"));
            docs.insertOne(new Document("_id", "a2").append("again", true));
            docs.deleteOne(Filters.eq("_id", 7));
        }
        try (MongoWireServer server = MongoWireServer.inFile(file, "127.0.0.1", port);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("t").getCollection("ids");
            assertEquals(5, docs.countDocuments());
            assertEquals(List.of("a1", "a2"), docs.find(Filters.regex("_id", "^a")).sort(Sorts.ascending("_id"))
                    .map(d -> d.getString("_id")).into(new ArrayList<>()));
            assertTrue(docs.find(Filters.eq("_id", "a2")).first().getBoolean("again"));
            assertEquals(1, docs.countDocuments(Filters.eq("_id", objectId)));
            assertEquals(0, docs.countDocuments(Filters.eq("_id", 7)));
            docs.insertOne(new Document("_id", 7.0));
            assertDuplicate(() -> docs.insertOne(new Document("_id", "b1")));
        }
    }

    @Test
    void readsAFileTheStockBackendWroteAndKeepsEveryValueTypeItStores() throws Exception {
        Path file = dir.resolve("stock.mv");
        Document original = new Document("_id", "old").append("text", "Texte accentué ✓").append("n", 3)
                .append("big", 5_000_000_000L).append("score", 0.25).append("on", true)
                .append("at", new Date(1_700_000_000_123L)).append("tags", List.of("a", "b"))
                .append("nested", new Document("k", List.of(new Document("x", 1)))).append("none", null)
                .append("oid", new ObjectId());
        MongoServer stock = new MongoServer(
                new H2Backend(MVStore.open(file.toString())));
        try (MongoClient client = MongoClients.create("mongodb://" + hostAndPort(stock.bind()))) {
            client.getDatabase("t").getCollection("docs").insertOne(original);
        } finally {
            stock.shutdownNow();
        }
        int port = KafkaBroker.freePort();
        try (MongoWireServer server = MongoWireServer.inFile(file, "127.0.0.1", port);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("t").getCollection("docs");
            assertEquals(original, docs.find(Filters.eq("_id", "old")).first());
            docs.insertOne(new Document(original).append("_id", "new"));
            docs.updateOne(Filters.eq("_id", "old"), new Document("$inc", new Document("n", 1)));
        }
        try (MongoWireServer server = MongoWireServer.inFile(file, "127.0.0.1", port);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> docs = client.getDatabase("t").getCollection("docs");
            assertEquals(new Document(original).append("_id", "new"), docs.find(Filters.eq("_id", "new")).first());
            assertEquals(new Document(original).append("n", 4), docs.find(Filters.eq("_id", "old")).first());
        }
    }

    @Test
    void pagesThroughASortedFeedInItsIndexOrderExactlyAsAScanWouldWithoutReadingEveryDocument() throws Exception {
        Path file = dir.resolve("feed.mv");
        try (MongoWireServer server = MongoWireServer.inFile(file, "127.0.0.1", KafkaBroker.freePort());
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> indexed = client.getDatabase("t").getCollection("articles");
            MongoCollection<Document> scanned = client.getDatabase("t").getCollection("copies");
            List<Document> stored = feedDocuments(300);
            // Half before the index exists (built from the documents), half after (kept as they are written).
            indexed.insertMany(stored.subList(0, 150));
            indexed.createIndex(Indexes.compoundIndex(Indexes.descending("sortAt"), Indexes.descending("_id")));
            indexed.insertMany(stored.subList(150, 300));
            scanned.insertMany(stored);
            // Changes after the index exists: a new sortAt, a deletion, a replacement that keeps the key.
            for (MongoCollection<Document> c : List.of(indexed, scanned)) {
                c.updateOne(Filters.eq("_id", "a0007"), new Document("$set", new Document("sortAt", new Date(5))));
                c.deleteOne(Filters.eq("_id", "a0100"));
                Document kept = stored.stream().filter(d -> "a0200".equals(d.get("_id"))).findFirst().orElseThrow();
                c.replaceOne(Filters.eq("_id", "a0200"), new Document(kept).append("revision", 2));
            }
            Sort newestFirst = new Sort(Sorts.descending("sortAt", "_id"));
            Sort oldestFirst = new Sort(Sorts.ascending("sortAt", "_id"));
            List<Bson> filters = List.of(new Document(), Filters.eq("lang", "fr"),
                    Filters.and(Filters.gte("sortAt", new Date(40_000)), Filters.lt("sortAt", new Date(90_000))),
                    Filters.lte("sortAt", new Date(60_000)), Filters.eq("sortAt", new Date(30_000)));
            long walksBefore = server.documentWalks("t", "articles");
            assertPagesAsScanned(server, indexed, scanned, filters, new int[][] {{0, 1000}, {7, 25}}, newestFirst,
                    oldestFirst);
            List<String> newestEnglish = page(scanned, Filters.eq("lang", "en"), newestFirst, 0, 1000);
            long scansBefore = server.fullScans();
            // Paging by cursor, as publish-service does: after the last (sortAt, _id) of the page before.
            assertEquals(newestEnglish, pagedByCursor(indexed, Filters.eq("lang", "en")).ids());
            assertEquals(scansBefore, server.fullScans(), "a page after a cursor read every document");
            assertEquals(walksBefore, server.documentWalks("t", "articles"));
            // No order asked, but a range of the index's first key: that range alone, for reads and deletes alike
            // (the retention job's deleteMany({storedAt: {$lt: cutoff}})).
            scansBefore = server.fullScans();
            Bson older = Filters.lt("sortAt", new Date(20_000));
            assertEquals(Set.copyOf(scanned.find(older).map(d -> d.getString("_id")).into(new ArrayList<>())),
                    Set.copyOf(indexed.find(older).map(d -> d.getString("_id")).into(new ArrayList<>())));
            assertEquals(scanned.deleteMany(older).getDeletedCount(), indexed.deleteMany(older).getDeletedCount());
            assertEquals(page(scanned, new Document(), newestFirst, 0, 1000),
                    page(indexed, new Document(), newestFirst, 0, 1000));
            assertEquals(scansBefore + 3, server.fullScans(), "only the three queries of the unindexed copy scanned");
            // A pattern is no bound: {lang: /^f/} over an index that starts with lang finds what a scan finds. An index
            // dropped and created again under its name with other keys orders by the new keys.
            indexed.createIndex(Indexes.compoundIndex(Indexes.ascending("lang"), Indexes.ascending("_id")),
                    new IndexOptions().name("by-language"));
            Bson french = Filters.regex("lang", "^f");
            assertEquals(Set.copyOf(scanned.find(french).map(d -> d.getString("_id")).into(new ArrayList<>())),
                    Set.copyOf(indexed.find(french).map(d -> d.getString("_id")).into(new ArrayList<>())));
            indexed.dropIndex("by-language");
            indexed.createIndex(Indexes.compoundIndex(Indexes.descending("lang"), Indexes.ascending("_id")),
                    new IndexOptions().name("by-language"));
            Sort languageDown = new Sort(Sorts.orderBy(Sorts.descending("lang"), Sorts.ascending("_id")));
            assertEquals(page(scanned, new Document(), languageDown, 0, 1000),
                    page(indexed, new Document(), languageDown, 0, 1000));
            // A sort the index does not give is still answered, by reading every document.
            Sort byLanguage = new Sort(Sorts.ascending("lang", "_id"));
            List<String> expected = page(scanned, new Document(), byLanguage, 0, 1000);
            scansBefore = server.fullScans();
            assertEquals(expected, page(indexed, new Document(), byLanguage, 0, 1000));
            assertTrue(server.fullScans() > scansBefore, "the unindexed sort was not counted as a scan");
        }
    }

    /**
     * A filter's own index ({@code {lang: 1, sortAt: -1, _id: -1}}, and {@code tags} holding arrays, a multikey index):
     * a filtered page walks that value's entries alone (or those of a list of values, merged), in the feed's order,
     * and answers exactly as a scan of an unindexed copy would, through changes of the filtered fields, repeated and
     * empty arrays, and a reopen of the file, which does not rebuild the multikey index.
     */
    @Test
    void pagesThroughAFilteredFeedReadingOnlyTheDocumentsOfTheFilteredValue() throws Exception {
        Path file = dir.resolve("filtered.mv");
        int port = KafkaBroker.freePort();
        List<Document> stored = new ArrayList<>(feedDocuments(300));
        // Rare values: three Arabic articles, three tagged "rare" (one twice), an empty and a missing tags field.
        for (int i = 0; i < 3; i++) {
            stored.add(new Document("_id", "r" + i).append("sortAt", new Date(7_000L * i)).append("lang", "ar")
                    .append("tags", i == 0 ? List.of("rare", "rare") : List.of("rare", "t" + i)));
        }
        stored.add(new Document("_id", "e0").append("sortAt", new Date(4_000)).append("lang", "en").append("tags",
                List.of()));
        stored.add(new Document("_id", "m0").append("sortAt", new Date(4_000)).append("lang", "en"));
        // Arrays whose elements meet range conditions one each, and a path through an array of documents.
        stored.add(new Document("_id", "x0").append("sortAt", new Date(8_000)).append("lang", "en").append("tags",
                List.of("a", "c")));
        stored.add(new Document("_id", "x1").append("sortAt", new Date(8_000)).append("lang", "en").append("tags",
                List.of("b", "0")).append("by", List.of(new Document("name", "n1"))));
        Sort newestFirst = new Sort(Sorts.descending("sortAt", "_id"));
        Sort oldestFirst = new Sort(Sorts.ascending("sortAt", "_id"));
        List<Bson> filters = List.of(Filters.eq("lang", "ar"), Filters.eq("lang", "fr"), Filters.eq("tags", "rare"),
                Filters.eq("tags", "t1"), Filters.and(Filters.eq("tags", "all"), Filters.eq("lang", "fr")),
                Filters.and(Filters.eq("lang", "en"), Filters.lt("sortAt", new Date(50_000))),
                Filters.and(Filters.gte("tags", "b"), Filters.lte("tags", "b")),
                Filters.and(Filters.eq("tags", "b"), Filters.lt("tags", "a")), Filters.eq("by.name", "n1"),
                // Lists of values, walked value by value and merged: documents holding two of them (rare and t1, all
                // and rare), a list of one (as a keyword filter sends), none, a null, a key without arrays, a cursor.
                Filters.in("tags", "rare", "t1"), Filters.in("tags", "all", "rare"), Filters.in("tags", "rare"),
                Filters.in("tags", List.of()), Filters.in("tags", "rare", null), Filters.in("lang", "ar", "en"),
                Filters.in("lang", "ar", null), Filters.in("by.name", "n1", null),
                Filters.and(Filters.in("tags", "t2", "rare"), Filters.lt("sortAt", new Date(60_000))));
        try (MongoWireServer server = MongoWireServer.inFile(file, "127.0.0.1", port);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> indexed = client.getDatabase("t").getCollection("articles");
            MongoCollection<Document> scanned = client.getDatabase("t").getCollection("copies");
            indexed.insertMany(stored.subList(0, 150));
            indexed.createIndex(Indexes.compoundIndex(Indexes.descending("sortAt"), Indexes.descending("_id")));
            indexed.createIndex(Indexes.compoundIndex(Indexes.ascending("lang"), Indexes.descending("sortAt"),
                    Indexes.descending("_id")));
            indexed.createIndex(Indexes.compoundIndex(Indexes.ascending("tags"), Indexes.descending("sortAt"),
                    Indexes.descending("_id")));
            indexed.createIndex(Indexes.compoundIndex(Indexes.ascending("by.name"), Indexes.descending("sortAt"),
                    Indexes.descending("_id")));
            indexed.insertMany(stored.subList(150, stored.size()));
            scanned.insertMany(stored);
            for (MongoCollection<Document> c : List.of(indexed, scanned)) {
                // A tag added, a tag removed, a language changed, a document deleted, one replaced.
                c.updateOne(Filters.eq("_id", "a0010"), new Document("$push", new Document("tags", "rare")));
                c.updateOne(Filters.eq("_id", "r2"), new Document("$pull", new Document("tags", "rare")));
                c.updateOne(Filters.eq("_id", "a0011"), new Document("$set", new Document("lang", "ar")));
                c.deleteOne(Filters.eq("_id", "r1"));
                c.replaceOne(Filters.eq("_id", "a0012"), new Document("_id", "a0012").append("sortAt", new Date(1))
                        .append("lang", "ar").append("tags", List.of("rare")));
            }
            assertPagesAsScanned(server, indexed, scanned, filters, new int[][] {{0, 1000}, {2, 5}}, newestFirst,
                    oldestFirst);
            // The rare value's whole page reads its documents and nothing else.
            List<String> rare = page(scanned, Filters.eq("tags", "rare"), newestFirst, 0, 100);
            long readsBefore = server.indexedReads("t", "articles");
            assertEquals(rare, page(indexed, Filters.eq("tags", "rare"), newestFirst, 0, 100));
            assertEquals(rare.size(), server.indexedReads("t", "articles") - readsBefore,
                    "documents read for the page of " + rare);
            // So does a list of rare values, each document once though it holds two of them.
            List<String> rareOrB = page(scanned, Filters.in("tags", "rare", "b"), newestFirst, 0, 100);
            readsBefore = server.indexedReads("t", "articles");
            assertEquals(rareOrB, page(indexed, Filters.in("tags", "rare", "b"), newestFirst, 0, 100));
            assertEquals(rareOrB.size(), server.indexedReads("t", "articles") - readsBefore,
                    "documents read for the page of " + rareOrB);
            // Paging a common value by cursor, as publish-service does: each page starts at the cursor, reading its 20
            // documents and the few sharing the cursor's sortAt, not every newer document of the value again.
            List<String> english = page(scanned, Filters.eq("lang", "en"), newestFirst, 0, 1000);
            readsBefore = server.indexedReads("t", "articles");
            Paged paged = pagedByCursor(indexed, Filters.eq("lang", "en"));
            assertEquals(english, paged.ids());
            long reads = server.indexedReads("t", "articles") - readsBefore;
            assertTrue(reads <= paged.pages() * 23L, reads + " documents read for " + paged.pages() + " pages of 20");
            // And of a list of common values: each walk starts at the cursor too.
            Bson commonValues = Filters.in("tags", "t1", "t3", "rare");
            List<String> common = page(scanned, commonValues, newestFirst, 0, 1000);
            readsBefore = server.indexedReads("t", "articles");
            paged = pagedByCursor(indexed, commonValues);
            assertEquals(common, paged.ids());
            reads = server.indexedReads("t", "articles") - readsBefore;
            assertTrue(reads <= paged.pages() * 23L, reads + " documents read for " + paged.pages() + " pages of 20");
        }
        try (MongoWireServer server = MongoWireServer.inFile(file, "127.0.0.1", port);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> indexed = client.getDatabase("t").getCollection("articles");
            MongoCollection<Document> scanned = client.getDatabase("t").getCollection("copies");
            assertPagesAsScanned(server, indexed, scanned, filters, new int[][] {{0, 1000}, {2, 5}}, newestFirst,
                    oldestFirst);
            assertEquals(0, server.documentWalks("t", "articles"), "an index was built again at the reopen");
        }
    }

    private record Paged(List<String> ids, int pages) {
    }

    /** The ids of a filter's matches, newest first, read in pages of 20 after the cursor of the page before. */
    private static Paged pagedByCursor(MongoCollection<Document> articles, Bson filter) {
        List<String> ids = new ArrayList<>();
        int pages = 0;
        Document last = null;
        do {
            Bson after = last == null ? new Document()
                    : Filters.or(Filters.lt("sortAt", last.getDate("sortAt")), Filters.and(
                            Filters.eq("sortAt", last.getDate("sortAt")), Filters.lt("_id", last.getString("_id"))));
            List<Document> page = articles.find(Filters.and(filter, after))
                    .sort(Sorts.descending("sortAt", "_id")).limit(20).into(new ArrayList<>());
            page.forEach(d -> ids.add(d.getString("_id")));
            pages++;
            last = page.size() < 20 ? null : page.get(page.size() - 1);
        } while (last != null);
        return new Paged(ids, pages);
    }

    /**
     * Each filter's pages in each order and window ({skip, limit}) equal to the same query on the unindexed copy, and
     * none of them read every document of the indexed collection.
     */
    private static void assertPagesAsScanned(MongoWireServer server, MongoCollection<Document> indexed,
            MongoCollection<Document> scanned, List<Bson> filters, int[][] windows, Sort... sorts) {
        for (Bson filter : filters) {
            for (Sort sort : sorts) {
                for (int[] window : windows) {
                    List<String> expected = page(scanned, filter, sort, window[0], window[1]);
                    long scansBefore = server.fullScans();
                    assertEquals(expected, page(indexed, filter, sort, window[0], window[1]),
                            filter + " " + sort.bson() + " skip " + window[0] + " limit " + window[1]);
                    assertEquals(scansBefore, server.fullScans(), "a sorted page read every document");
                }
            }
        }
    }

    @Test
    void opensAFileWithManyIndexedDocumentsWithoutReadingThemAndRebuildsAnOrderedIndexLeftBehind()
            throws Exception {
        Path file = dir.resolve("reopen.mv");
        int port = KafkaBroker.freePort();
        List<Document> stored = feedDocuments(200);
        Sort newestFirst = new Sort(Sorts.descending("sortAt", "_id"));
        List<String> expected;
        List<String> expectedTagged;
        try (MongoWireServer server = MongoWireServer.inFile(file, "127.0.0.1", port);
                MongoClient client = MongoClients.create(server.connectionString())) {
            MongoCollection<Document> articles = client.getDatabase("t").getCollection("articles");
            articles.insertMany(stored);
            // As publish-service does: the feed's order, and fields this server accepts but keeps no index of.
            articles.createIndex(Indexes.compoundIndex(Indexes.descending("sortAt"), Indexes.descending("_id")));
            for (String field : List.of("lang", "tags", "storedAt")) {
                articles.createIndex(Indexes.ascending(field));
            }
            // And a filter's, over arrays (multikey), whose entries do not count documents.
            articles.createIndex(Indexes.compoundIndex(Indexes.ascending("tags"), Indexes.descending("sortAt"),
                    Indexes.descending("_id")));
            articles.deleteOne(Filters.eq("_id", stored.get(3).get("_id")));
            articles.updateOne(Filters.eq("_id", stored.get(4).get("_id")),
                    new Document("$set", new Document("tags", List.of("t1", "t1", "new"))));
            expected = page(articles, new Document(), newestFirst, 0, 1000);
            expectedTagged = page(articles, Filters.eq("tags", "t1"), newestFirst, 0, 1000);
        }
        try (MongoWireServer server = MongoWireServer.inFile(file, "127.0.0.1", port);
                MongoClient client = MongoClients.create(server.connectionString())) {
            assertEquals(0, server.documentWalks("t", "articles"), "opening read every document");
            MongoCollection<Document> articles = client.getDatabase("t").getCollection("articles");
            articles.createIndex(Indexes.compoundIndex(Indexes.descending("sortAt"), Indexes.descending("_id")));
            articles.createIndex(Indexes.ascending("lang"));
            articles.createIndex(Indexes.compoundIndex(Indexes.ascending("tags"), Indexes.descending("sortAt"),
                    Indexes.descending("_id")));
            long scans = server.fullScans();
            assertEquals(expected, page(articles, new Document(), newestFirst, 0, 1000));
            assertEquals(expectedTagged, page(articles, Filters.eq("tags", "t1"), newestFirst, 0, 1000));
            assertEquals(scans, server.fullScans());
            assertEquals(0, server.documentWalks("t", "articles"));
        }
        // A document written without its index entry, as by a version that kept none (a roll-back): the index no
        // longer counts one entry a document, and is built again when the file opens.
        // Dates as the server decodes them from BSON.
        Map<String, Object> added = Map.of("_id", "zz-added", "sortAt", Instant.ofEpochMilli(1_000_000), "lang", "fr",
                "tags", List.of("t1"));
        MVStore raw = new MVStore.Builder().fileName(file.toString()).open();
        try {
            raw.openMap("databases.t.articles", new MVMap.Builder<Object, StoredDocument>()
                    .valueType(new BsonDocumentType()))
                    .put("zz-added", StoredDocument.of(new de.bwaldvogel.mongo.bson.Document(added)));
            raw.commit();
        } finally {
            raw.close();
        }
        try (MongoWireServer server = MongoWireServer.inFile(file, "127.0.0.1", port);
                MongoClient client = MongoClients.create(server.connectionString())) {
            assertTrue(server.documentWalks("t", "articles") > 0, "the index left behind was not built again");
            MongoCollection<Document> articles = client.getDatabase("t").getCollection("articles");
            List<String> withAdded = new ArrayList<>(List.of("zz-added"));
            withAdded.addAll(expected);
            assertEquals(withAdded, page(articles, new Document(), newestFirst, 0, 1000));
            // The multikey index too, by its count of documents.
            List<String> taggedWithAdded = new ArrayList<>(List.of("zz-added"));
            taggedWithAdded.addAll(expectedTagged);
            assertEquals(taggedWithAdded, page(articles, Filters.eq("tags", "t1"), newestFirst, 0, 1000));
        }
    }

    private record Sort(Bson bson) {
    }

    private static List<String> page(MongoCollection<Document> c, Bson filter, Sort sort, int skip, int limit) {
        return c.find(filter).sort(sort.bson()).skip(skip).limit(limit).map(d -> d.getString("_id"))
                .into(new ArrayList<>());
    }

    /** Articles as the feed stores them: a sortAt shared by a few (ties broken by _id), two languages. */
    private static List<Document> feedDocuments(int count) {
        List<Document> documents = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            documents.add(new Document("_id", String.format("a%04d", (i * 37) % count))
                    .append("sortAt", new Date(1_000L * (i / 3) * 3)).append("lang", i % 4 == 0 ? "fr" : "en")
                    .append("tags", List.of("t" + i % 5, "all")).append("storedAt", new Date(i)));
        }
        return documents;
    }

    private static String hostAndPort(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    private static void assertDuplicate(Executable write) {
        MongoWriteException e = assertThrows(MongoWriteException.class, write);
        assertEquals(ErrorCategory.DUPLICATE_KEY, ErrorCategory.fromErrorCode(e.getCode()));
    }

    /** The server as ./newsflow up runs it: its own JVM, its data in a file; each line it prints after starting goes to {@code output}. */
    private static Process startServerProcess(int port, Path file, List<String> jvmOptions, Consumer<String> output)
            throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MongoWireServer.class.getName(),
                String.valueOf(port), file.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.contains("ready on")) {
            // Startup log lines.
        }
        Thread drain = new Thread(() -> out.lines().forEach(output), "mongo-wire-output");
        drain.setDaemon(true);
        drain.start();
        if (line == null) {
            throw new IllegalStateException("the MongoDB-wire server did not start");
        }
        return process;
    }
}
