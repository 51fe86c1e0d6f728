package io.newsflow.localservers;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.RootReference;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A secondary index the embedded MongoDB-wire server keeps, in key order, in its MVStore file, so that a sorted query
 * with a limit reads the documents of its page instead of every document of the collection. mongo-java-server keeps
 * no secondary index at all: a page of the feed ({@code find(filter).sort({sortAt: -1, _id: -1}).limit(100)}) read,
 * matched and sorted every stored article, which with 100,000 articles took minutes a page.
 *
 * <p>Kept only for indexes that end with {@code _id}, which are unique by construction and are what a paged feed
 * sorts by (ADR 0007); the others stay accepted and empty, as before, so that writes do not pay for indexes no query
 * here would use. An entry is the index's key values followed by the document's position (its {@code _id}), ordered as
 * MongoDB orders values, each key in its own direction. Every change goes into the same MVStore commit as the document
 * it indexes, so the index is exactly as durable as the documents.
 *
 * <p>An index whose first key is fixed by the query's equality ({@code {language: 1, sortAt: -1, _id: -1}} for
 * {@code find({language: "fr"}).sort({sortAt: -1, _id: -1})}) gives the order of its other keys within that value:
 * a filtered page walks that value's entries alone, however few of the stored documents it holds. A list of values
 * ({@code $in}) walks each value's entries and merges the walks in the order of the other keys.
 *
 * <p>The first key may hold an array (MongoDB's multikey index): the document then has one entry per distinct element,
 * none for an empty array, and the index, marked multikey in the collection's meta map, serves only queries that fix
 * the first key to one value or a list of them (a walk over a range could meet a document twice, and an empty array
 * never). An array in any other key would need entries in another order: the index then stops serving queries, for
 * good (also kept in the meta map), and they read every document as before. Newsflow never indexes an array there. A multikey index keeps
 * its count of documents in the meta map, so that the check at open that catches an index left behind compares it
 * as it compares the others' entries.
 */
final class OrderedIndex extends Index<Object> {

    private static final String UNUSABLE = "orderedIndexUnusable.";
    private static final String MULTIKEY = "orderedIndexMultikey.";
    // How many documents a multikey index holds, whose entries do not count them: checked against the collection at
    // open, like the entries of the others. Lowered before a document's entries go and raised after they are in, so
    // that a commit catching a write half done shows as a count that differs.
    private static final String DOCUMENTS = "orderedIndexDocuments.";

    private final MVMap<Object[], Object> entries;
    private final MVMap<String, Object> meta;
    private final Comparator<Object[]> order;
    // The index's order without its first key: that of the walks of several values of the first key, merged.
    private final Comparator<Object[]> afterFirstKey;
    private final ValueComparator values = ValueComparator.ascWithoutListHandling();
    // Read from the meta map once, then kept: marking it is one write, not one per document.
    private volatile boolean multikey;

    OrderedIndex(String name, List<IndexKey> keys, MVMap<Object[], Object> entries, MVMap<String, Object> meta) {
        super(name, keys, false);
        this.entries = entries;
        this.meta = meta;
        this.order = ((KeyType) entries.getKeyType()).order;
        this.afterFirstKey = ((KeyType) entries.getKeyType()).afterFirstKey;
        this.multikey = Boolean.TRUE.equals(meta.get(MULTIKEY + getName()));
    }

    /** The MVMap builder of an index with these keys: its entries compare as the index orders them. */
    static MVMap.Builder<Object[], Object> mapBuilder(List<IndexKey> keys) {
        return new MVMap.Builder<Object[], Object>().keyType(new KeyType(keys));
    }

    /** Whether this server keeps an index of these keys (see the class comment); the others are accepted empty. */
    static boolean kept(List<IndexKey> keys, boolean sparse) {
        return !sparse && keys.size() > 1 && "_id".equals(keys.get(keys.size() - 1).getKey());
    }

    boolean usable() {
        return !Boolean.TRUE.equals(meta.get(UNUSABLE + getName()));
    }

    /** Whether some document's first key held an array: the index then has several entries for it, or none. */
    boolean multikey() {
        return multikey;
    }

    /**
     * How many documents the index holds: its entries, one a document, or a multikey index's own count (-1 when it
     * has none, as one built before the count was kept).
     */
    long documentCount() {
        if (!multikey) {
            return entries.sizeAsLong();
        }
        return meta.get(DOCUMENTS + getName()) instanceof Number n ? n.longValue() : -1;
    }

    private void countDocuments(long delta) {
        meta.put(DOCUMENTS + getName(), documentCount() + delta);
    }

    /**
     * Whether this index gives the order of {@code orderBy} ({@code {field: 1 or -1, ...}}) for the documents the query
     * can match, read forward or backward: when its keys are those of the order, or when the query fixes its first key
     * to one value or a list of them and its other keys are those of the order (several values are walked side by side
     * and merged). A multikey index gives an order only in the second case.
     *
     * @return 1 forward, -1 backward, 0 if it cannot
     */
    int direction(Document orderBy, Document query) {
        List<IndexKey> keys = getKeys();
        if (orderBy == null || orderBy.isEmpty()) {
            return 0;
        }
        List<Object> pinned = firstKeyValues(query);
        // The whole order, first key included: a walk over one value, or a range of a key holding no arrays. (Merged
        // walks of several values give the order of the other keys only.)
        if (orderBy.size() == keys.size() && (pinned == null ? !multikey : pinned.size() == 1)) {
            return direction(orderBy, keys);
        }
        return orderBy.size() == keys.size() - 1 && pinned != null ? direction(orderBy, keys.subList(1, keys.size()))
                : 0;
    }

    /**
     * Whether the query fixes this index's first key to one value or a list of them: the entries of those values hold
     * every match.
     */
    boolean pinsFirstKey(Document query) {
        return firstKeyValues(query) != null;
    }

    /**
     * The values the query fixes this index's first key to, distinct and in ascending order: the value of an equality
     * ({@code {f: v}}, {@code {f: {$eq: v}}}), the list of an {@code $in} (a keyword filter asks for its key and its
     * slug), or for a key that never held an array, a range whose ends are one value. Null when it fixes none: a walk
     * of these values' entries would miss a match. For a multikey index neither ranges nor null count (see
     * {@link #firstKeyRange}).
     */
    private List<Object> firstKeyValues(Document query) {
        String field = getKeys().get(0).getKey();
        Object value = equality(query, field);
        if (value != null) {
            return List.of(value);
        }
        Collection<?> listed = inList(query, field);
        if (listed != null) {
            // Compared as bounds: the null marker is no value the comparator knows.
            TreeSet<Object> distinct = new TreeSet<>(this::compareBounds);
            for (Object element : listed) {
                if (element == null && !multikey) {
                    distinct.add(KeyType.NULL_BOUND);
                } else if (!isPlainValue(element)) {
                    return null;
                } else {
                    distinct.add(element);
                }
            }
            return List.copyOf(distinct);
        }
        if (!multikey) {
            Bounds range = bounds(query, field);
            if (range.low != null && range.high != null && compareBounds(range.low, range.high) == 0) {
                return List.of(range.low);
            }
        }
        return null;
    }

    /**
     * The range of the first key's values the query's matches lie in, for an index whose first key never held an
     * array. For a multikey index none: each condition on an array may be met by another element ({@code [a, c]} meets
     * {@code $gte: b} and {@code $lte: b}), so ranges narrow nothing, and what an equality or a list fixes is
     * {@link #firstKeyValues}'.
     */
    private Bounds firstKeyRange(Document query) {
        return multikey ? Bounds.NONE : bounds(query, getKeys().get(0).getKey());
    }

    // The value {field: v}, {field: {$eq: v}}, at the query's top or in its $and, requires (a value, not a document,
    // an array or a pattern); null if none.
    private static Object equality(Document query, String field) {
        return firstCondition(query, field, value -> {
            Object wanted = value instanceof Document operators && operators.containsKey("$eq")
                    ? operators.get("$eq")
                    : value;
            return isPlainValue(wanted) ? wanted : null;
        });
    }

    // The list of {field: {$in: [...]}}, at the query's top or in its $and; null if none.
    private static Collection<?> inList(Document query, String field) {
        return firstCondition(query, field, value -> value instanceof Document operators
                && operators.get("$in") instanceof Collection<?> listed ? listed : null);
    }

    // The first non-null reading of a condition on the field, at the query's top or in its $and (at any depth).
    private static <T> T firstCondition(Document query, String field, Function<Object, T> read) {
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            Object value = condition.getValue();
            if (condition.getKey().equals(field)) {
                T found = read.apply(value);
                if (found != null) {
                    return found;
                }
            } else if ("$and".equals(condition.getKey()) && value instanceof Collection<?> clauses) {
                for (Object clause : clauses) {
                    T found = clause instanceof Document c ? firstCondition(c, field, read) : null;
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    // A value an equality compares as itself: not a document or an array (equal as a whole, or element by element) and
    // not a pattern.
    private static boolean isPlainValue(Object value) {
        return value != null && !(value instanceof Document) && !(value instanceof Collection<?>)
                && !BsonRegularExpression.isRegularExpression(value);
    }

    private static int direction(Document orderBy, List<IndexKey> keys) {
        int direction = 0;
        int i = 0;
        for (Map.Entry<String, Object> sort : orderBy.entrySet()) {
            IndexKey key = keys.get(i++);
            if (!key.getKey().equals(sort.getKey()) || !(sort.getValue() instanceof Number n)
                    || Math.abs(n.doubleValue()) != 1) {
                return 0;
            }
            int same = (n.doubleValue() > 0) == key.isAscending() ? 1 : -1;
            if (direction != 0 && same != direction) {
                return 0;
            }
            direction = same;
        }
        return direction;
    }

    /** Whether the query bounds this index's first key, so that a walk over that range finds every match once. */
    boolean narrows(Document query) {
        Bounds range = firstKeyRange(query);
        return range.low != null || range.high != null || pinsFirstKey(query);
    }

    /**
     * The positions of the documents in this index's order ({@code direction} 1) or its reverse (-1), starting where
     * the query's bounds on the first key let the documents it can match start, and ending where they end; the index
     * is read as the stream is consumed. With the first key fixed to several values, each value's entries are walked
     * and the walks merged in the order of the other keys, each document once. The query itself is not applied: the
     * caller matches each document.
     */
    Stream<Object> positions(Document query, int direction) {
        List<IndexKey> keys = getKeys();
        List<Object> pinned = firstKeyValues(query);
        if (pinned == null) {
            return walk(entries.flushAndGetRoot(), List.of(firstKeyRange(query)), direction)
                    .map(OrderedIndex::positionOf);
        }
        // With the first key fixed, the second key's range too: a filtered page after a cursor starts at the cursor
        // instead of reading the value's newer documents first.
        Bounds second = keys.size() > 1 ? bounds(query, keys.get(1).getKey()) : Bounds.NONE;
        // Every walk reads the same state of the index: walks opened one after another could meet a document that a
        // write moved in between at its old place in one and at its new place in another, twice in the page.
        RootReference<Object[], Object> state = entries.flushAndGetRoot();
        List<Iterator<Object[]>> walks = new ArrayList<>(pinned.size());
        for (Object value : pinned) {
            walks.add(walk(state, List.of(new Bounds(value, value), second), direction).iterator());
        }
        if (walks.size() == 1) {
            return StreamSupport.stream(Spliterators.spliteratorUnknownSize(walks.get(0), Spliterator.ORDERED), false)
                    .map(OrderedIndex::positionOf);
        }
        Comparator<Object[]> merged = direction < 0 ? afterFirstKey.reversed() : afterFirstKey;
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Merge(walks, merged), Spliterator.ORDERED),
                false);
    }

    private static Object positionOf(Object[] entry) {
        return entry[entry.length - 1];
    }

    // The entries of the index's state {@code state} within the ranges of the first keys (the first, or the first two),
    // in the walk's direction.
    private Stream<Object[]> walk(RootReference<Object[], Object> state, List<Bounds> ranges, int direction) {
        List<IndexKey> keys = getKeys();
        boolean reverse = direction < 0;
        Object[] from = null;
        List<Object> ends = new ArrayList<>();
        List<Boolean> ascendings = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            Bounds range = ranges.get(i);
            // Whether the walk meets this key's values in ascending order.
            boolean ascending = keys.get(i).isAscending() == (direction > 0);
            Object start = ascending ? range.low : range.high;
            ascendings.add(ascending);
            ends.add(ascending ? range.high : range.low);
            if (start != null && (i == 0 || from != null)) {
                if (from == null) {
                    from = new Object[keys.size() + 1];
                    Arrays.fill(from, reverse ? KeyType.AFTER_ALL : KeyType.BEFORE_ALL);
                }
                from[i] = bound(start);
            }
        }
        Cursor<Object[], Object> cursor = entries.cursor(state, from, null, reverse);
        Stream<Object[]> walked = StreamSupport.stream(Spliterators.spliteratorUnknownSize(cursor, Spliterator.ORDERED),
                false);
        for (int i = 0; i < ends.size(); i++) {
            // Within the first key's range the walk stops past its end; with the first key fixed, the second key's
            // values come in order too, and the walk stops past its end as well.
            if (ends.get(i) != null) {
                int k = i;
                Object last = bound(ends.get(i));
                boolean ascending = ascendings.get(i);
                walked = walked.takeWhile(key -> {
                    int beyond = values.compare(key[k], last);
                    return ascending ? beyond <= 0 : beyond >= 0;
                });
            }
        }
        return walked;
    }

    /**
     * The positions of several walks, each in the order of the keys after the first, merged in that order. A document
     * with entries under two of the walked values (a multikey index) has the same keys after the first in both, so its
     * entries come out one after the other: it is given once.
     */
    private static final class Merge implements Iterator<Object> {

        private static final Object NOTHING = new Object();

        private final PriorityQueue<Head> heads;
        private Object last = NOTHING;
        private Object next = NOTHING;

        private record Head(Object[] entry, Iterator<Object[]> rest) {
        }

        Merge(List<Iterator<Object[]>> walks, Comparator<Object[]> order) {
            heads = new PriorityQueue<>(Math.max(1, walks.size()), (a, b) -> order.compare(a.entry, b.entry));
            for (Iterator<Object[]> walk : walks) {
                if (walk.hasNext()) {
                    heads.add(new Head(walk.next(), walk));
                }
            }
        }

        @Override
        public boolean hasNext() {
            while (next == NOTHING && !heads.isEmpty()) {
                Head head = heads.poll();
                Object position = positionOf(head.entry);
                if (head.rest.hasNext()) {
                    heads.add(new Head(head.rest.next(), head.rest));
                }
                if (last == NOTHING || !position.equals(last)) {
                    next = position;
                    last = position;
                }
            }
            return next != NOTHING;
        }

        @Override
        public Object next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Object position = next;
            next = NOTHING;
            return position;
        }
    }

    private static Object bound(Object value) {
        return value == KeyType.NULL_BOUND ? null : value;
    }

    // Inclusive bounds on one field that every document the query matches lies within, in MongoDB's order of values;
    // null when the query does not bound that side. Strict bounds are kept inclusive: the caller matches each document.
    private record Bounds(Object low, Object high) {
        static final Bounds NONE = new Bounds(null, null);
    }

    private Bounds bounds(Document query, String field) {
        Bounds result = Bounds.NONE;
        for (Map.Entry<String, Object> condition : query.entrySet()) {
            String name = condition.getKey();
            Object value = condition.getValue();
            if (name.equals(field)) {
                result = tighter(result, fieldBounds(value));
            } else if ("$and".equals(name) && value instanceof Collection<?> clauses) {
                for (Object clause : clauses) {
                    if (clause instanceof Document c) {
                        result = tighter(result, bounds(c, field));
                    }
                }
            } else if ("$or".equals(name) && value instanceof Collection<?> branches && !branches.isEmpty()) {
                result = tighter(result, union(branches, field));
            }
        }
        return result;
    }

    private Bounds union(Collection<?> branches, String field) {
        Object low = null;
        Object high = null;
        boolean lowEverywhere = true;
        boolean highEverywhere = true;
        for (Object branch : branches) {
            Bounds b = branch instanceof Document d ? bounds(d, field) : Bounds.NONE;
            lowEverywhere &= b.low != null;
            highEverywhere &= b.high != null;
            low = b.low == null ? low : low == null || compareBounds(b.low, low) < 0 ? b.low : low;
            high = b.high == null ? high : high == null || compareBounds(b.high, high) > 0 ? b.high : high;
        }
        return new Bounds(lowEverywhere ? low : null, highEverywhere ? high : null);
    }

    private Bounds fieldBounds(Object condition) {
        if (BsonRegularExpression.isRegularExpression(condition)) {
            // {f: /x/} matches a pattern, not a value: no bound.
            return Bounds.NONE;
        }
        if (!(condition instanceof Document operators)
                || operators.keySet().stream().noneMatch(k -> k.startsWith("$"))) {
            // Equality with a value (an array or a document equal as a whole is left to the scan of its bounds: none).
            return condition instanceof Collection<?> || condition instanceof Document ? Bounds.NONE
                    : new Bounds(boundOf(condition), boundOf(condition));
        }
        Bounds result = Bounds.NONE;
        for (Map.Entry<String, Object> operator : operators.entrySet()) {
            Object value = operator.getValue();
            if (value instanceof Collection<?> || value instanceof Document
                    || BsonRegularExpression.isRegularExpression(value)) {
                continue;
            }
            switch (operator.getKey()) {
                case "$eq" -> result = tighter(result, new Bounds(boundOf(value), boundOf(value)));
                case "$lt", "$lte" -> result = tighter(result, new Bounds(null, boundOf(value)));
                case "$gt", "$gte" -> result = tighter(result, new Bounds(boundOf(value), null));
                default -> {
                    // $in, $ne, $exists, $regex, ...: no bound, the caller's match decides.
                }
            }
        }
        return result;
    }

    // A null value is a bound too (it matches null and missing values): kept apart from "no bound".
    private static Object boundOf(Object value) {
        return value == null ? KeyType.NULL_BOUND : value;
    }

    private Bounds tighter(Bounds a, Bounds b) {
        Object low = a.low == null ? b.low : b.low == null ? a.low : compareBounds(a.low, b.low) >= 0 ? a.low : b.low;
        Object high = a.high == null ? b.high
                : b.high == null ? a.high : compareBounds(a.high, b.high) <= 0 ? a.high : b.high;
        return new Bounds(low, high);
    }

    private int compareBounds(Object a, Object b) {
        return values.compare(bound(a), bound(b));
    }

    // The entries of a document: its key values in the index's key order and its position last, one entry per distinct
    // element when the first key holds an array (none for an empty one); null when another key holds an array.
    private List<Object[]> keys(Document document, Object position) {
        List<IndexKey> keys = getKeys();
        Object[] key = new Object[keys.size() + 1];
        for (int i = 0; i < keys.size(); i++) {
            Object value = Utils.getSubdocumentValue(document, keys.get(i).getKey());
            if (value instanceof Collection<?> && i > 0 || crossesAnArray(document, keys.get(i).getKey())) {
                return null;
            }
            // MongoDB indexes a missing field as null.
            key[i] = value instanceof Missing ? null : value;
        }
        key[keys.size()] = position;
        if (!(key[0] instanceof Collection<?> elements)) {
            return List.<Object[]>of(key);
        }
        List<Object[]> each = new ArrayList<>(elements.size());
        TreeSet<Object> distinct = new TreeSet<>(values);
        for (Object element : elements) {
            if (distinct.add(element)) {
                Object[] entry = key.clone();
                entry[0] = element;
                each.add(entry);
            }
        }
        return each;
    }

    // Whether a dotted key's path goes through an array ({a: [{b: 1}]} for "a.b"), which the stock lookup reads as a
    // missing value while a query matches the elements' values.
    private static boolean crossesAnArray(Document document, String path) {
        Object value = document;
        int dot;
        int from = 0;
        while ((dot = path.indexOf('.', from)) >= 0 && value instanceof Document d) {
            value = d.get(path.substring(from, dot));
            if (value instanceof Collection<?>) {
                return true;
            }
            from = dot + 1;
        }
        return false;
    }

    private static Object position(Document document) {
        return Missing.ofNullable(document.get("_id"));
    }

    @Override
    public Object getPosition(Document document) {
        // Not unique: the collection finds a document's position through its _id index.
        return null;
    }

    @Override
    public void checkAdd(Document document, MongoCollection<Object> collection) {
        // Nothing is refused: not a unique index.
    }

    @Override
    public void add(Document document, Object position, MongoCollection<Object> collection) {
        List<Object[]> keys = keys(document, position);
        if (keys == null) {
            meta.put(UNUSABLE + getName(), Boolean.TRUE);
            return;
        }
        if (!multikey && Utils.getSubdocumentValue(document, getKeys().get(0).getKey()) instanceof Collection<?>) {
            // Until now one entry a document: the count starts there.
            meta.put(DOCUMENTS + getName(), entries.sizeAsLong());
            meta.put(MULTIKEY + getName(), Boolean.TRUE);
            multikey = true;
        }
        for (Object[] key : keys) {
            entries.put(key, Boolean.TRUE);
        }
        if (multikey) {
            countDocuments(1);
        }
    }

    @Override
    public Object remove(Document document) {
        Object position = position(document);
        List<Object[]> keys = keys(document, position);
        if (keys != null) {
            if (multikey) {
                countDocuments(-1);
            }
            for (Object[] key : keys) {
                entries.remove(key);
            }
        }
        return position;
    }

    @Override
    public boolean canHandle(Document query) {
        // Sorted reads go through positions(); the stock lookups by equality keep to the _id and unique indexes.
        return false;
    }

    @Override
    public Iterable<Object> getPositions(Document query) {
        throw new UnsupportedOperationException("an ordered index is read through positions(query, direction)");
    }

    @Override
    public long getCount() {
        return entries.sizeAsLong();
    }

    @Override
    public long getDataSize() {
        return getCount();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<Object> collection) {
        // Nothing is refused: not a unique index.
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, Object position,
            MongoCollection<Object> collection) {
        List<Object[]> before = keys(oldDocument, position);
        List<Object[]> after = keys(newDocument, position);
        if (before != null && after != null && sameEntries(before, after)) {
            return;
        }
        if (before != null) {
            if (multikey) {
                countDocuments(-1);
            }
            for (Object[] key : before) {
                entries.remove(key);
            }
        }
        add(newDocument, position, collection);
    }

    @Override
    public void drop() {
        // The map goes with the index: one created again under the same name may have other keys, compared otherwise.
        // (When the whole collection goes, its maps may be gone already.)
        if (!meta.isClosed()) {
            meta.remove(UNUSABLE + getName());
            meta.remove(MULTIKEY + getName());
            meta.remove(DOCUMENTS + getName());
        }
        if (!entries.isClosed()) {
            entries.getStore().removeMap(entries);
        }
    }

    private boolean sameEntries(List<Object[]> a, List<Object[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (order.compare(a.get(i), b.get(i)) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Empties the index, so that the collection fills it again from its documents. */
    void clear() {
        entries.clear();
        meta.remove(UNUSABLE + getName());
        meta.remove(MULTIKEY + getName());
        meta.remove(DOCUMENTS + getName());
        multikey = false;
    }

    /**
     * An entry's key: the index's key values and the document's position, stored as one BSON document {@code {k:
     * [...]}} and compared value by value in MongoDB's order, each key in its own direction, the position ascending.
     */
    static final class KeyType extends BasicDataType<Object[]> {

        // Probes that sort before or after every entry; never stored.
        static final Object BEFORE_ALL = new Object();
        static final Object AFTER_ALL = new Object();
        // A bound whose value is null (a query for null or missing values), told apart from "no bound".
        static final Object NULL_BOUND = new Object();

        private final Comparator<Object[]> order;
        private final Comparator<Object[]> afterFirstKey;

        KeyType(List<IndexKey> keys) {
            ValueComparator values = ValueComparator.ascWithoutListHandling();
            List<Comparator<Object>> each = new ArrayList<>();
            for (IndexKey key : keys) {
                each.add(key.isAscending() ? values : values.reversed());
            }
            each.add(values);
            this.order = from(each, 0);
            this.afterFirstKey = from(each, 1);
        }

        // The order of entries compared key by key from the key at {@code first} on.
        private static Comparator<Object[]> from(List<Comparator<Object>> each, int first) {
            return (a, b) -> {
                for (int i = first; i < each.size(); i++) {
                    int c = compareProbe(a[i], b[i], each.get(i));
                    if (c != 0) {
                        return c;
                    }
                }
                return 0;
            };
        }

        private static int compareProbe(Object a, Object b, Comparator<Object> values) {
            if (a == b) {
                return 0;
            }
            if (a == BEFORE_ALL || b == AFTER_ALL) {
                return -1;
            }
            if (a == AFTER_ALL || b == BEFORE_ALL) {
                return 1;
            }
            return values.compare(a, b);
        }

        @Override
        public int compare(Object[] a, Object[] b) {
            return order.compare(a, b);
        }

        @Override
        public int getMemory(Object[] key) {
            return 64 + 32 * key.length;
        }

        @Override
        public void write(WriteBuffer buff, Object[] key) {
            ByteBuf encoded = Unpooled.buffer(96);
            BsonWriter.writeDocument(new Document("k", Arrays.asList(key)), encoded);
            buff.put(encoded.array(), encoded.arrayOffset() + encoded.readerIndex(), encoded.readableBytes());
        }

        @Override
        public Object[] read(ByteBuffer buff) {
            return ((List<?>) BsonDocumentType.readBson(buff).get("k")).toArray();
        }

        @Override
        public Object[][] createStorage(int size) {
            return new Object[size][];
        }
    }
}
