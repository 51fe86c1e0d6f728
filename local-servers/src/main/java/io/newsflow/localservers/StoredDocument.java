package io.newsflow.localservers;

import java.util.Arrays;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import de.bwaldvogel.mongo.bson.Document;

/**
 * A document as the embedded MongoDB-wire server keeps it in its collections' maps and page cache: its BSON bytes,
 * decoded only when a command reads that document. The maps held decoded documents before: a lookup of one id
 * decoded every document of the leaf it landed in (a new article's id, looked up before its insert, decoded four or
 * five stored articles it had nothing to do with), a commit re-encoded every document of each leaf it wrote, and the
 * page cache kept hundreds of megabytes of small objects (a map entry and a string for every field) that the
 * collector traced and copied: with 100,000 stored, 1.4 ms of G1's CPU an NDJSON article, more than the server's own
 * work (docs/adr/0007). A byte array holds no reference, so the cache costs the collector a copy at most.
 *
 * <p>Each read decodes a new document, so nothing a command edits is ever the stored value, and stored values never
 * change. A document BSON cannot hold (a field name with NUL, past 16 MiB, which mongo-java-server lets an update
 * reach) is kept as a document, written the old way (Java serialisation) and copied on each read.
 */
final class StoredDocument {

    private final byte[] bson;
    private final Document unencodable;

    private StoredDocument(byte[] bson, Document unencodable) {
        this.bson = bson;
        this.unencodable = unencodable;
    }

    /** The document to store: encoded now, once, instead of at every commit of its leaf. */
    static StoredDocument of(Document document) {
        ByteBuf encoded = Unpooled.buffer(1024);
        try {
            // The stock encoder's bytes, without its cost for arrays (BsonWriter).
            BsonWriter.writeDocument(document, encoded);
        } catch (IllegalArgumentException e) {
            return new StoredDocument(null, document.cloneDeeply());
        }
        if (encoded.readableBytes() - 4 > BsonReader.MAX_BSON_BODY) {
            // BsonDecoder refuses a document past 16 MiB: written as BSON it would be unreadable after a restart.
            return new StoredDocument(null, document.cloneDeeply());
        }
        byte[] bytes = new byte[encoded.readableBytes()];
        encoded.readBytes(bytes);
        return new StoredDocument(bytes, null);
    }

    /** A document read from a page as BSON bytes, which it keeps as they are. */
    static StoredDocument ofBson(byte[] bson) {
        return new StoredDocument(bson, null);
    }

    /** A new copy of the document, every time. */
    Document document() {
        return bson != null ? BsonReader.readDocument(Unpooled.wrappedBuffer(bson)) : unencodable.cloneDeeply();
    }

    /**
     * A new document of only the top-level fields named (those it has): enough to test a query that names no other,
     * for the cost of decoding those fields alone.
     */
    Document fields(BsonReader.FieldNames names) {
        return bson != null ? BsonReader.readFields(Unpooled.wrappedBuffer(bson), names) : document();
    }

    /** Its BSON bytes, or null for a document BSON cannot hold (then {@link #document()}). */
    byte[] bson() {
        return bson;
    }

    /**
     * Bytes of heap it takes, roughly: what MVStore samples to size leaves and counts in its page cache (an average
     * per map, learnt from some of the values it stores).
     */
    int memory() {
        // An unencodable document is rare, and its size unknown without walking it: a kilobyte a top-level field, a
        // guess (a 17 MB string in one field counts as one).
        return bson != null ? bson.length + 32 : 1024 * Math.max(1, unencodable.size());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StoredDocument that && Arrays.equals(bson, that.bson)
                && (bson != null || unencodable.equals(that.unencodable));
    }

    @Override
    public int hashCode() {
        return bson != null ? Arrays.hashCode(bson) : unencodable.hashCode();
    }
}
