package io.newsflow.localservers;

import static de.bwaldvogel.mongo.backend.Constants.ID_FIELD;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;

import org.h2.mvstore.ChunkRewrites;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import io.netty.channel.Channel;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.AbstractUniqueIndex;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DocumentWithPosition;
import de.bwaldvogel.mongo.backend.EmptyIndex;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.exception.IndexKeySpecsConflictException;

/**
 * mongo-java-server's H2 backend with the properties a database needs that it lacks (docs/adr/0007), and stored
 * the way a database stores documents (as BSON, {@link BsonDocumentType}, not Java serialisation):
 * <ul>
 * <li><b>Durability.</b> The stock backend commits its MVStore file in the background, once a second, so a write it
 * acknowledged is gone after {@code kill -9}. Here every command that may have written commits and syncs the store
 * before its reply leaves. Commits are grouped: a command whose changes another thread's commit already covered does
 * not commit again, so concurrent writers share one sync.</li>
 * <li><b>Point lookups for conditional writes.</b> The stock server uses an index only when the query names exactly
 * that index's fields, so {@code {_id: X, revision: {$lt: 3}}} (every revision-guarded upsert) scanned the whole
 * collection. Here a query that pins {@code _id} to a value, or to an {@code $in} list, reads those documents through
 * the {@code _id} index and applies the rest of the query to them, as MongoDB does.</li>
 * <li><b>Stored documents never change in place.</b> The stock collection answers a query with the very objects its
 * map holds, and applies an update by editing the object it found there before putting it back; meanwhile another
 * command's commit may be writing that object to the file. A field added or removed during that write failed the
 * commit, and MVStore then closed itself for good: every later command failed with "Map ... is closed" until a
 * restart (seen under eight concurrent writers within seconds). Here the maps hold each document's BSON bytes
 * ({@link StoredDocument}), encoded once when it is written and decoded for each read, so a query hands out a document
 * of its own, and an update puts a new value in place of the stored one, which stays as the commit and any reader saw
 * it.</li>
 * <li><b>The feed's order.</b> The stock server keeps no secondary index, so a sorted page read and sorted every
 * document. Here secondary indexes ending in {@code _id} are kept in the file ({@link OrderedIndex}) and a query
 * sorted by one reads its page in index order; the other secondary indexes are accepted, kept empty, and, unlike the
 * stock collection, not filled by reading every document each time the file opens.</li>
 * <li><b>Space given back.</b> Each commit writes the B-tree pages it changed as a new chunk at the end of the file;
 * MVStore frees a chunk once nothing in it is live, but the leaves of documents written once stay live in the chunk of
 * their commit for good, beside pages dead within seconds. H2 rewrites such chunks from its background writer, which
 * this backend does not run: a file that had stored 100,000 articles was 2.85 GB with 14% of its chunks live. Here a
 * housekeeping thread copies the live pages of the emptiest chunks into the next commit, a little at a time while
 * commands write and more when none do, so that their space is freed and reused ({@link #compactStep()}).</li>
 * </ul>
 */
final class DurableH2Backend extends H2Backend {

    // Commands that never write: they skip the commit. Everything else (insert, update, delete, findAndModify,
    // createIndexes, aggregate with $merge, ...) is made durable before its reply.
    private static final Set<String> READ_ONLY = Set.of("find", "getmore", "count", "distinct", "hello", "ismaster",
            "ping", "buildinfo", "listcollections", "listindexes", "listdatabases", "killcursors", "endsessions",
            "serverstatus", "getparameter", "dbstats", "collstats", "explain", "connectionstatus", "whatsmyuri",
            "getlog", "hostinfo", "getlasterror", "getcmdlineopts", "getfreemonitoringstatus");

    private static final String ID_INDEX = "_id_";
    // Operators whose clauses are queries of their own, over the same document's fields.
    private static final Set<String> LOGICAL = Set.of("$and", "$or", "$nor");
    // Leaves of at most this many bytes of documents: a commit writes every leaf a command changed in full, and at
    // MVStore's 16 KB an article's upsert re-encoded the four or five articles sharing its leaf, a SimHash bucket's
    // the buckets beside it (docs/adr/0007). Their bytes are copied now (StoredDocument), not encoded, but still
    // written and synced.
    private static final int PAGE_SPLIT_SIZE = 4096;
    // A chunk is rewritten once at most half of it is live: copying its live half frees the other, so a byte copied frees
    // at least a byte, and the chunks, once settled, take at most twice what is live. (H2's background housekeeping
    // rewrites chunks up to 90% live when idle; measured on a 100,000-article file, that kept the server copying 16 MB
    // a second, 0.4 of a core, for minutes after the half-dead chunks were done, to free a few hundred KB each time.)
    static final int REWRITE_AT_MOST_LIVE = 50;
    // Not worth a commit and a sync for less dead space in those chunks.
    static final long REWRITE_AT_LEAST_DEAD_BYTES = 256 << 10;
    // Bytes copied or moved by one step, four steps a second: 256 KB (some 60 leaves of 4 KB) while commands write, so
    // that the store's lock, which their commits wait for, is held a few milliseconds at a time and the copying costs
    // the writes little; 4 MB when none wrote since the step before. A sustained burst outruns the busy pace (the
    // 100,000-article preload, 770 a second, left 1.8 GB), and the idle steps after it catch up.
    static final int BUSY_STEP_BYTES = 256 << 10;
    static final int IDLE_STEP_BYTES = 4 << 20;
    // Chunks moved by an idle step: a chunk larger than this is never moved, and one commit under load writes 4 to
    // 5 MB (measured after a 100,000-article preload, whose file then stayed at 1.9 GB with 4 MB moves).
    static final int MOVE_STEP_BYTES = 16 << 20;
    private static final long HOUSEKEEPING_MILLIS = 250;

    private final MVStore store;
    private final AtomicLong fullScans = new AtomicLong();
    private final Object commitLock = new Object();
    // Every MVStore version below this one is committed and synced to the file.
    private long durableBelow;
    // Commands that may have written since the last housekeeping step, and those running: none of either means idle
    // (a long bulk write running across a step is not idle time).
    private final AtomicLong writesSinceStep = new AtomicLong();
    private final AtomicLong writesInFlight = new AtomicLong();
    // Null without a file, where there is nothing to give back.
    private final ScheduledExecutorService housekeeping;
    // Written by the housekeeping thread alone (tests' steps run while it does not).
    private boolean settled;
    private long rewritingSteps;
    private long lastReport;

    /** The MVStore file this backend expects, opened. */
    static MVStore open(String fileName, int cacheMegabytes) {
        // The stock 16 MB page cache makes a store of some 100,000 articles read most pages back from the file, and
        // each read deserialises Java objects; the cache is sized by the caller from the heap it has.
        // No background commits: H2's background store hands its chunk to another thread after moving to the next
        // version, so a commit here could find nothing left to store and report a version durable before it is
        // written. Every commit is this class's, synchronous, before the reply.
        return new MVStore.Builder().fileName(fileName).cacheSize(cacheMegabytes).pageSplitSize(PAGE_SPLIT_SIZE)
                .autoCommitDisabled().open();
    }

    /**
     * A backend on a file opened by the caller, which chooses whether the housekeeping thread runs (benchmarks compare
     * both, tests call {@link #compactStep()} themselves) and may shorten MVStore's retention time, the age under which
     * a chunk is neither freed nor rewritten.
     */
    DurableH2Backend(MVStore store, boolean housekeeping) {
        super(store);
        this.store = store;
        this.durableBelow = store.getCurrentVersion();
        this.housekeeping = housekeeping && store.getFileStore() != null ? startHousekeeping() : null;
    }

    /**
     * The same backend without a file, for tests: they meet the server that {@code ./newsflow up} runs (queries hand
     * out copies, point lookups by {@code _id}), with nothing to sync. The stock in-memory backend edits a stored
     * document in place and replies with that very object, so a findAndModify's answer could be written out after the
     * next command had changed it (two concurrent {@code $inc} answering the same count).
     */
    static DurableH2Backend withoutFile() {
        return new DurableH2Backend(new MVStore.Builder().autoCommitDisabled().open(), false);
    }

    private ScheduledExecutorService startHousekeeping() {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mongo-wire-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(() -> {
            try {
                compactStep();
            } catch (Throwable e) {
                // Caught whatever it is: a scheduled task that throws is never run again. A step that failed (the
                // store closing under it) is tried again at the next; a failure inside MVStore's rewrite closes the
                // store, and every later write command answers with an error (makeDurable).
                System.err.println("mongo-wire housekeeping: " + e);
            }
        }, HOUSEKEEPING_MILLIS, HOUSEKEEPING_MILLIS, TimeUnit.MILLISECONDS);
        return executor;
    }

    /**
     * One housekeeping step: copies the live pages of the chunks at most half live and old enough to be rewritten
     * (MVStore's retention time), the emptiest and oldest first, up to the step's byte budget (small while commands
     * write, larger when none did since the step before), and commits and syncs the copies like any write, so that
     * those chunks die and their space is reused. When idle and the file is less than 90% chunks, moves chunks from its
     * end into the holes before them and shortens it.
     *
     * @return whether anything was rewritten or moved
     */
    boolean compactStep() {
        boolean idle = writesSinceStep.getAndSet(0) == 0 && writesInFlight.get() == 0;
        if (store.isClosed() || store.getFileStore() == null) {
            return false;
        }
        if (!idle) {
            settled = false;
        }
        boolean changed = false;
        long dead = ChunkRewrites.deadBytes(store, REWRITE_AT_MOST_LIVE);
        if (dead >= REWRITE_AT_LEAST_DEAD_BYTES && !settled
                && ChunkRewrites.rewrite(store, idle ? IDLE_STEP_BYTES : BUSY_STEP_BYTES, REWRITE_AT_MOST_LIVE)) {
            makeDurable();
            changed = true;
            // Some chunks keep their dead space however often they are rewritten (pages of a map this server has not
            // opened cannot be copied): on the 100,000-article file, once 236 MB were freed, each idle step freed some
            // 30 KB of the last 3 MB, with a commit and a sync a second. A step that frees less than a quarter of the
            // floor ends the idle rewriting until commands write again.
            settled = idle && dead - ChunkRewrites.deadBytes(store, REWRITE_AT_MOST_LIVE) < REWRITE_AT_LEAST_DEAD_BYTES
                    / 4;
        } else if (idle && store.getFillRate() < ChunkRewrites.MOVE_BELOW_FILE_FILL_RATE) {
            long before = store.getFileStore().size();
            // Moving chunks stores a version of its own (and syncs it): under the commit lock, so that no command's
            // commit sits between its commit and its sync meanwhile and takes that version for synced.
            synchronized (commitLock) {
                ChunkRewrites.moveChunksTowardsTheStart(store, MOVE_STEP_BYTES);
            }
            changed = store.getFileStore().size() < before;
        }
        if (changed) {
            report();
        }
        return changed;
    }

    // A line on the first rewrite and then at most one a minute, for whoever wonders what the server does when idle.
    private void report() {
        rewritingSteps++;
        long now = System.nanoTime();
        if (lastReport == 0 || now - lastReport > TimeUnit.MINUTES.toNanos(1)) {
            System.out.printf("mongo-wire housekeeping: %d steps rewrote or moved chunks; %d%% of the chunks live, %d%%"
                    + " of the file in chunks, file %d MB%n", rewritingSteps, chunksFillRate(), store.getFillRate(),
                    store.getFileStore().size() / (1024 * 1024));
            lastReport = now;
            rewritingSteps = 0;
        }
    }

    /** The live share of the file's chunks, as a percentage (100 without a file). */
    int chunksFillRate() {
        return store.getFileStore() == null ? 100 : store.getFileStore().getChunksFillRate();
    }

    @Override
    public void close() {
        if (housekeeping != null) {
            // Not shutdownNow: an interrupt during the file's I/O closes its channel for every thread, and MVStore then
            // closes without its last commit. A step is short; it ends before the store closes.
            housekeeping.shutdown();
            try {
                housekeeping.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.close();
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        boolean writes = !READ_ONLY.contains(command.toLowerCase(Locale.ROOT));
        if (writes) {
            writesInFlight.incrementAndGet();
        }
        try {
            return super.handleCommand(channel, databaseName, command, query);
        } finally {
            // Also after an error: a bulk write that failed on its tenth document has written the nine before it.
            if (writes) {
                try {
                    makeDurable();
                } finally {
                    writesSinceStep.incrementAndGet();
                    writesInFlight.decrementAndGet();
                }
            }
        }
    }

    /**
     * How many times the server walked over every document of a collection (to build an index, or for a query no
     * index answers) since it opened its file; 0 for a collection that does not exist.
     */
    long documentWalks(String database, String collection) {
        return counter(database, collection, c -> c.documentWalks);
    }

    /** How many documents queries read through an ordered index's walk since the file opened. */
    long indexedReads(String database, String collection) {
        return counter(database, collection, c -> c.indexedReads);
    }

    private long counter(String database, String collection, Function<PointLookupCollection, AtomicLong> which) {
        return resolveDatabase(database).resolveCollection(collection, false) instanceof PointLookupCollection c
                ? which.apply(c).get()
                : 0;
    }

    /** How many queries read every document of their collection since start. */
    long fullScans() {
        return fullScans.get();
    }

    /**
     * Returns once the changes made so far are in the file and synced. The version read first is the one this thread's
     * changes went into; a commit that another thread finished after this point has already covered it.
     */
    private void makeDurable() {
        long written = store.getCurrentVersion();
        synchronized (commitLock) {
            if (durableBelow > written) {
                return;
            }
            if (store.isClosed()) {
                // Closed by a failure (MVStore closes itself on one) or a shutdown before this command's changes were
                // committed: the client must hear that they may be lost, not an acknowledgement.
                throw new IllegalStateException("the data file is closed: this command's changes may not be stored");
            }
            store.commit();
            store.sync();
            durableBelow = store.getCurrentVersion();
        }
    }

    /**
     * The top-level fields whose values decide whether a document matches {@code query}: the first part of each
     * field path, through {@code $and}, {@code $or} and {@code $nor}. Null when some operator at the top could
     * read any field ({@code $expr}, {@code $where}, ...): then only the whole document tells.
     */
    static Set<String> fieldsTested(Document query) {
        Set<String> fields = new HashSet<>();
        return collectFields(query, fields) ? fields : null;
    }

    private static boolean collectFields(Document query, Set<String> fields) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            String key = condition.getKey();
            if (!key.startsWith("$")) {
                int dot = key.indexOf('.');
                fields.add(dot < 0 ? key : key.substring(0, dot));
            } else if (!LOGICAL.contains(key) || !(condition.getValue() instanceof List<?> clauses)
                    || !clauses.stream().allMatch(c -> c instanceof Document d && collectFields(d, fields))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether an _id value is, as it is, the document's key in its collection's map: strings and ObjectIds. Numbers are
     * not (1 and 1.0 are one _id but two keys), nor documents; those go through the _id index's own map.
     */
    private static boolean isOwnKey(Object id) {
        return id instanceof String || id instanceof ObjectId;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new PointLookupDatabase(databaseName, getMvStore(), getCursorRegistry());
    }

    /**
     * The stock H2 database, except that its collections narrow queries by {@code _id}. An inner class because the
     * stock constructor opens the existing collections before a field of this class could be set, while the backend's
     * store is already there.
     */
    private final class PointLookupDatabase extends H2Database {

        // The map names of the stock backend, so that files written by either open in the other.
        private static final String DATA_PREFIX = "databases.";
        private static final String META_PREFIX = "meta.";

        PointLookupDatabase(String databaseName, MVStore store, CursorRegistry cursors) {
            super(databaseName, store, cursors);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                boolean sparse) {
            if (!ID_INDEX.equals(indexName)) {
                return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
            }
            String name = getFullCollectionNamespace(collectionName);
            // The stock map, so that files written by either backend open in the other.
            MVMap<KeyValue, Object> map = getMvStore().openMap(name + "._index_" + indexName);
            return new IdIndex(map, documents(name), indexName, keys, sparse);
        }

        @Override
        protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName,
                List<IndexKey> keys, boolean sparse) {
            if (!OrderedIndex.kept(keys, sparse)) {
                return super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse);
            }
            String name = getFullCollectionNamespace(collectionName);
            // A map of its own name: the stock backend keeps no secondary index and never opens it.
            MVMap<Object[], Object> entries = getMvStore().openMap(name + "._ordered_" + indexName,
                    OrderedIndex.mapBuilder(keys));
            return new OrderedIndex(indexName, keys, entries, getMvStore().openMap(META_PREFIX + name));
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            String name = getFullCollectionNamespace(collectionName);
            MVMap<String, Object> meta = getMvStore().openMap(META_PREFIX + name);
            return new PointLookupCollection(this, collectionName, options, meta, cursorRegistry, documents(name));
        }

        /**
         * A collection's documents, kept as BSON; whoever opens the map first decides its types, so both do it here.
         * MVStore sizes each map's leaves by a sampled average of its values' sizes (its memory estimation), so each
         * collection's leaves by that collection's documents.
         */
        private MVMap<Object, StoredDocument> documents(String namespace) {
            return getMvStore().openMap(DATA_PREFIX + namespace,
                    new MVMap.Builder<Object, StoredDocument>().valueType(new BsonDocumentType()));
        }
    }

    /**
     * The {@code _id} index, answered from the documents themselves, which the stock collection keys by their _id: the
     * stock index keeps its own map of {@code KeyValue} keys, which MVStore compares by Java-serialising both sides, so
     * every insert and upsert paid three serialising binary searches (a third of this server's time under load).
     * String and ObjectId ids, the only ones Newsflow writes, live in the document map alone; any other id (a number,
     * whose 1 and 1.0 are one key, a document) still goes through the index's own map. A file written by the stock
     * backend opens here (its index map is read where it still holds such ids); the reverse is not supported.
     */
    private static final class IdIndex extends AbstractUniqueIndex<Object> {

        private final MVMap<KeyValue, Object> map;
        private final MVMap<Object, StoredDocument> documents;

        IdIndex(MVMap<KeyValue, Object> map, MVMap<Object, StoredDocument> documents, String name, List<IndexKey> keys,
                boolean sparse) {
            super(name, keys, sparse);
            this.map = map;
            this.documents = documents;
        }

        /** The id itself, when it is its own key in the document map; else null. */
        private static Object direct(KeyValue key) {
            return key.size() == 1 && isOwnKey(key.get(0)) ? key.get(0) : null;
        }

        @Override
        protected Object getPosition(KeyValue key) {
            Object id = direct(key);
            if (id != null) {
                return documents.containsKey(id) ? id : null;
            }
            return map.get(key);
        }

        // The collection asks whether the key is taken (getPosition) before it stores a document, under its own
        // lock, so the document map answers; the stock add() asks again after the document is stored, which only a
        // separate map could answer: here it does not ask again for ids held by the document map.
        @Override
        public synchronized void add(Document document, Object position, MongoCollection<Object> collection) {
            Object id = document.get(ID_FIELD);
            if (isOwnKey(id)) {
                return;
            }
            super.add(document, position, collection);
        }

        @Override
        protected Object removeDocument(KeyValue key) {
            Object removed = map.remove(key);
            Object id = direct(key);
            // Ids the stock backend wrote are in its map too; those written here only in the document map, which the
            // collection removes the document from after asking every index for its position.
            return removed != null || id == null ? removed : id;
        }

        @Override
        protected boolean putKeyPosition(KeyValue key, Object position) {
            return map.putIfAbsent(key, Missing.ofNullable(position)) == null;
        }

        @Override
        protected Iterable<Map.Entry<KeyValue, Object>> getIterable() {
            // Regular expressions and ranges on _id read every key: those of the document map, and the others of the
            // index's own map (without the direct ids a stock-written file also holds there, listed once).
            List<Map.Entry<KeyValue, Object>> entries = new ArrayList<>();
            for (Object id : documents.keySet()) {
                if (isOwnKey(id)) {
                    entries.add(Map.entry(new KeyValue(id), id));
                }
            }
            for (Map.Entry<KeyValue, Object> entry : map.entrySet()) {
                if (direct(entry.getKey()) == null) {
                    entries.add(entry);
                }
            }
            return entries;
        }

        @Override
        public long getCount() {
            // One _id per document.
            return documents.sizeAsLong();
        }

        @Override
        public boolean isEmpty() {
            return documents.isEmpty();
        }

        @Override
        public long getDataSize() {
            return getCount();
        }
    }

    /** Reads a query that pins {@code _id} through the {@code _id} index, whatever else the query says. */
    private final class PointLookupCollection extends H2Collection {

        private static final String ID = "_id";

        private volatile Index<Object> idIndex;
        // Walks over every document (an index build, a query no index answers), counted for tests; a field set before
        // the database adds the indexes, unlike the backend's.
        private final AtomicLong documentWalks = new AtomicLong();
        // Documents read through an ordered index's walk, counted for tests: a filtered page reads its value's alone.
        private final AtomicLong indexedReads = new AtomicLong();
        // The collection's documents as BSON, keyed by their _id: a document's position is its _id value. The stock
        // collection's map of decoded documents is not given to it (null): every method that used it is one of these.
        private final MVMap<Object, StoredDocument> byId;

        PointLookupCollection(MongoDatabase database, String name, CollectionOptions options,
                MVMap<String, Object> meta, CursorRegistry cursors, MVMap<Object, StoredDocument> byId) {
            super(database, name, options, null, meta, cursors);
            this.byId = byId;
        }

        @Override
        protected Object addDocumentInternal(Document document) {
            String idField = getIdField();
            Object position = idField != null ? Utils.getSubdocumentValue(document, idField) : UUID.randomUUID();
            if (byId.putIfAbsent(Missing.ofNullable(position), StoredDocument.of(document)) != null) {
                // The _id index refused a taken _id before this; the stock collection threw the same (after
                // overwriting the stored document, which this leaves as it was).
                throw new IllegalArgumentException("Document with key '" + position + "' already existed in " + this);
            }
            return position;
        }

        @Override
        protected Document getDocument(Object position) {
            StoredDocument stored = byId.get(position);
            return stored == null ? null : stored.document();
        }

        @Override
        protected void handleUpdate(Object position, Document oldDocument, Document newDocument) {
            byId.put(Missing.ofNullable(position), StoredDocument.of(newDocument));
        }

        @Override
        protected void removeDocument(Object position) {
            if (byId.remove(position) == null) {
                throw new NoSuchElementException("No document with key " + position);
            }
        }

        @Override
        public int count() {
            return byId.size();
        }

        @Override
        public boolean isEmpty() {
            return byId.isEmpty();
        }

        // Keeping the collection's size current BSON-encodes the old and the new document of every update; only
        // collStats reads it.
        @Override
        protected boolean tracksDataSize() {
            return false;
        }

        @Override
        protected Stream<DocumentWithPosition<Object>> streamAllDocumentsWithPosition() {
            documentWalks.incrementAndGet();
            return byId.entrySet().stream()
                    .map(entry -> new DocumentWithPosition<>(entry.getValue().document(), entry.getKey()));
        }

        // Under the collection's lock, which every write holds (AbstractSynchronizedMongoCollection): the stock fill of a
        // new index walks the documents outside it, and a write between its two walks, or while an existing index is
        // checked against the documents, would leave the index without that write.
        @Override
        public synchronized void addIndex(Index<Object> index) {
            Index<Object> existing = getIndexes().stream().filter(i -> i.getName().equals(index.getName()))
                    .findFirst().orElse(null);
            if (index instanceof EmptyIndex) {
                // A secondary index, which this server accepts and keeps nothing in. The stock addIndex fills a new
                // index by reading every document of the collection twice, and an EmptyIndex counts as new every
                // time the file is opened: with 100,000 articles (nine such indexes on `articles`) a start read for
                // over six minutes before it listened. Nothing to fill, so nothing to read.
                if (existing == null) {
                    getIndexes().add(index);
                } else if (!existing.hasSameOptions(index)) {
                    throw new IndexKeySpecsConflictException(index, existing);
                }
                return;
            }
            if (existing == null && index instanceof OrderedIndex ordered && ordered.usable() && !ordered.isEmpty()
                    && ordered.documentCount() != byId.sizeAsLong()) {
                // A file an earlier version, which kept no such index, also wrote (a roll-back), or a crash caught a
                // write half done in another command's commit: filled again. Only a changed number of documents
                // shows it; a roll-back that only replaced documents goes unseen.
                ordered.clear();
            }
            // The fill walks every document: held as a use of its version, like a query (queryDocuments).
            MVStore mvStore = getMvStore();
            MVStore.TxCounter reading = mvStore.registerVersionUsage();
            try {
                super.addIndex(index);
            } finally {
                mvStore.deregisterVersionUsage(reading);
            }
            if (ID_INDEX.equals(index.getName())) {
                idIndex = index;
            }
        }

        /**
         * Every query, held as a use of the MVStore version it reads: a walk over the feed or a full scan reads pages of
         * the version it started on, and MVStore frees a dead chunk once no version in use (or among the last five)
         * can read it. The housekeeping kills old chunks within seconds, so without this a walk of some seconds under
         * writes could find a page's chunk gone ("Chunk not found").
         */
        @Override
        protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                int batchSize, Document fieldSelector) {
            // The backend's store through its getter: the stock constructor queries before this class's fields are set.
            MVStore mvStore = getMvStore();
            MVStore.TxCounter reading = mvStore.registerVersionUsage();
            try {
                return queryInVersion(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
            } finally {
                mvStore.deregisterVersionUsage(reading);
            }
        }

        private QueryResult queryInVersion(Document query, Document orderBy, int numberToSkip, int limit,
                int batchSize, Document fieldSelector) {
            Document pinned = pinnedId(query);
            List<Object> ids = pinned == null ? null : directIds(pinned.get(ID));
            if (ids != null) {
                // Straight to the documents: the _id index maps each _id to itself, and looking it up there compares
                // keys by Java-serialising them, which cost a quarter of this server's time under load.
                // One lookup an id: its stored bytes, decoded, or nothing (the stock matchDocuments over positions
                // would look each found id up a second time).
                List<Document> found = new ArrayList<>(ids.size());
                for (Object id : new LinkedHashSet<>(ids)) {
                    StoredDocument stored = byId.get(id);
                    if (stored != null) {
                        found.add(stored.document());
                    }
                }
                // A query of nothing but those ids is answered by finding them: matching each found document against
                // an $in list again compared every id with every other (a bucket read for 100 articles names some 660).
                Document rest = query.size() == 1 && query.containsKey(ID) ? new Document() : query;
                return matchDocumentsFromStream(found.stream(), rest, orderBy, numberToSkip, limit, batchSize,
                        fieldSelector);
            }
            Index<Object> index = idIndex;
            // canHandle accepts a value or an $in list and refuses ranges and other operators.
            if (index != null && pinned != null && query.size() + conjuncts(query) > 1 && index.canHandle(pinned)) {
                return matchDocuments(query, index.getPositions(pinned), orderBy, numberToSkip, limit, batchSize,
                        fieldSelector);
            }
            OrderedIndex walked = null;
            int direction = 0;
            for (Index<Object> candidate : getIndexes()) {
                if (candidate instanceof OrderedIndex ordered && ordered.usable()) {
                    int d = ordered.direction(orderBy, query);
                    if (d != 0 && (direction == 0 || ordered.pinsFirstKey(query) && !walked.pinsFirstKey(query))) {
                        // In the index's order, reading documents until the page is full: no sort, no full scan. One
                        // whose first key the query fixes (a filter's value) walks that value's documents alone.
                        walked = ordered;
                        direction = d;
                        continue;
                    }
                    if (walked == null && (orderBy == null || orderBy.isEmpty()) && ordered.narrows(query)) {
                        // No order asked, and the query bounds this index's first key (the retention job's
                        // {storedAt: {$lt: cutoff}}): the documents of that range alone.
                        walked = ordered;
                    }
                }
            }
            if (walked != null) {
                // Read as the stream is consumed: a page of 100 reads its 100 documents, and those the query skips.
                // Those are tested on the fields the query names, decoded alone: a keyword few articles have walks
                // the feed, and decoding each article it passes whole made that walk 2.2 times as long
                // (FilterIndexBenchmark). The documents that match are decoded whole and matched again below.
                // A query that names no field (the feed's first page) matches every document: nothing to test.
                Set<String> fields = fieldsTested(query);
                BsonReader.FieldNames tested = fields == null || fields.isEmpty() ? null
                        : BsonReader.FieldNames.of(fields);
                Stream<Document> documents = walked.positions(query, direction == 0 ? 1 : direction).map(id -> {
                    indexedReads.incrementAndGet();
                    StoredDocument stored = byId.get(id);
                    if (stored == null || tested != null && !documentMatchesQuery(stored.fields(tested), query)) {
                        return null;
                    }
                    return stored.document();
                }).filter(Objects::nonNull);
                return matchDocumentsFromStream(query, documents, numberToSkip, limit, batchSize, null, fieldSelector);
            }
            return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
        }

        @Override
        protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int numberToReturn,
                int batchSize, Document fieldSelector) {
            // The overload that reads every document: counted, so that tests can tell a lookup from a scan. (Null
            // while the stock constructor reads the system collections, before this backend's fields are set.)
            if (fullScans != null) {
                fullScans.incrementAndGet();
            }
            // The stock method, on this collection's map: in the map's order, or for {$natural: -1} by position in
            // MongoDB's descending order of values, as the stock one sorts.
            Stream<DocumentWithPosition<Object>> all = streamAllDocumentsWithPosition();
            if (isNaturalDescending(orderBy)) {
                ValueComparator descending = ValueComparator.desc();
                all = all.sorted((a, b) -> descending.compare(a.getPosition(), b.getPosition()));
            }
            return matchDocumentsFromStream(all.map(DocumentWithPosition::getDocument), query, orderBy, numberToSkip,
                    numberToReturn, batchSize, fieldSelector);
        }

        /**
         * The {@code _id} condition of {@code {_id: v, ...}} or of {@code {$and: [{_id: v}, ...]}} (the driver writes
         * {@code Filters.and} that way), if the query has one at its top.
         */
        private static Document pinnedId(Document query) {
            if (query.containsKey(ID)) {
                return new Document(ID, query.get(ID));
            }
            if (query.size() == 1 && query.get("$and") instanceof List<?> clauses) {
                for (Object clause : clauses) {
                    if (clause instanceof Document c && c.size() == 1 && c.containsKey(ID)) {
                        return new Document(ID, c.get(ID));
                    }
                }
            }
            return null;
        }

        /**
         * The _id values of {@code {_id: v}} or {@code {_id: {$in: [...]}}} when all are strings or ObjectIds, whose
         * stored key is the value itself; null for anything else (numbers, whose 1 and 1.0 are one key, documents,
         * operators), which goes through the index.
         */
        private static List<Object> directIds(Object condition) {
            if (isOwnKey(condition)) {
                return List.of(condition);
            }
            if (condition instanceof Document d && d.size() == 1 && d.get("$in") instanceof Collection<?> values
                    && values.stream().allMatch(DurableH2Backend::isOwnKey)) {
                return List.copyOf(values);
            }
            return null;
        }

        private static int conjuncts(Document query) {
            return query.get("$and") instanceof List<?> clauses ? clauses.size() : 0;
        }
    }
}
