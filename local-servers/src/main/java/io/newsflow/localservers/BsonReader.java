package io.newsflow.localservers;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.netty.buffer.ByteBuf;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;

/**
 * Decodes a stored document from BSON into the values mongo-java-server's {@link BsonDecoder} gives, without its cost
 * for arrays: it decodes an array as a whole document first, a String and a map entry for each element's index name
 * ({@code "0"}, {@code "1"}, …), and then copies the values into a list. A page read back from the file decodes every
 * document of the leaf, and an index entry is an array too: under a stream of new articles those index names were a
 * sixth of what the embedded server allocated (JFR). Documents and arrays are walked here, an array's index names
 * skipped, and every other value is decoded by {@link BsonDecoder} itself, so the values stay the stock decoder's.
 */
public final class BsonReader {

    private static final byte END = 0;
    private static final byte DOUBLE = 1;
    private static final byte STRING = 2;
    private static final byte DOCUMENT = 3;
    private static final byte ARRAY = 4;
    private static final byte BINARY = 5;
    private static final byte UNDEFINED = 6;
    private static final byte OBJECT_ID = 7;
    private static final byte BOOLEAN = 8;
    private static final byte DATE = 9;
    private static final byte NULL = 10;
    private static final byte JAVASCRIPT = 13;
    private static final byte SYMBOL = 14;
    private static final byte JAVASCRIPT_WITH_SCOPE = 15;
    private static final byte INT32 = 16;
    private static final byte TIMESTAMP = 17;
    private static final byte INT64 = 18;
    private static final byte DECIMAL128 = 19;
    private static final byte MIN_KEY = -1;
    private static final byte MAX_KEY = 127;
    // What BsonDecoder reads at most after a document's length prefix.
    private static final int MAX_BSON_BODY = 16 * 1024 * 1024;

    private BsonReader() {
    }

    /** Reads one document at the buffer's reader index and moves past it; refuses what BsonDecoder refuses. */
    public static Document readDocument(ByteBuf in) {
        int end = checkedEnd(in);
        Document document = new Document();
        while (in.readerIndex() < end) {
            byte type = in.readByte();
            if (type == END) {
                return document;
            }
            String name = BsonDecoder.decodeCString(in);
            Object value = readValue(type, in);
            if (document.put(name, value) != null) {
                throw new IllegalArgumentException("Duplicate key '" + name + "'");
            }
        }
        throw new IllegalArgumentException("illegal BSON object");
    }

    /**
     * Reads, of the document at the buffer's reader index, only the top-level fields named, and moves past it: the
     * others are skipped by their lengths, not decoded. What a walk over documents needs to test a query that names
     * one or two fields of each.
     */
    public static Document readFields(ByteBuf in, Set<String> names) {
        int end = checkedEnd(in);
        Document document = new Document();
        while (in.readerIndex() < end) {
            byte type = in.readByte();
            if (type == END) {
                return document;
            }
            String name = BsonDecoder.decodeCString(in);
            if (names.contains(name)) {
                if (document.put(name, readValue(type, in)) != null) {
                    throw new IllegalArgumentException("Duplicate key '" + name + "'");
                }
            } else {
                skipValue(type, in);
            }
        }
        throw new IllegalArgumentException("illegal BSON object");
    }

    private static void skipValue(byte type, ByteBuf in) {
        switch (type) {
            case DOUBLE, DATE, TIMESTAMP, INT64 -> in.skipBytes(8);
            case INT32 -> in.skipBytes(4);
            case BOOLEAN -> in.skipBytes(1);
            case OBJECT_ID -> in.skipBytes(12);
            case DECIMAL128 -> in.skipBytes(16);
            case UNDEFINED, NULL, MIN_KEY, MAX_KEY -> {
            }
            // A length, then that many bytes (a string's NUL counted).
            case STRING, JAVASCRIPT, SYMBOL -> in.skipBytes(in.readIntLE());
            // A length that counts itself.
            case DOCUMENT, ARRAY, JAVASCRIPT_WITH_SCOPE -> in.skipBytes(in.readIntLE() - 4);
            // A length, the subtype, the bytes.
            case BINARY -> in.skipBytes(in.readIntLE() + 1);
            // Anything else (a regular expression, a DB pointer) decoded and dropped: whatever the stock decoder reads.
            default -> BsonDecoder.decodeValue(type, in);
        }
    }

    private static List<Object> readArray(ByteBuf in) {
        int end = checkedEnd(in);
        List<Object> values = new ArrayList<>();
        while (in.readerIndex() < end) {
            byte type = in.readByte();
            if (type == END) {
                return values;
            }
            // The element's index name, which the list's order already says.
            int nul = in.bytesBefore(end - in.readerIndex(), END);
            if (nul < 0) {
                throw new IllegalArgumentException("illegal BSON array: an index name without its end");
            }
            in.skipBytes(nul + 1);
            values.add(readValue(type, in));
        }
        throw new IllegalArgumentException("illegal BSON array");
    }

    private static Object readValue(byte type, ByteBuf in) {
        return switch (type) {
            case DOCUMENT -> readDocument(in);
            case ARRAY -> readArray(in);
            default -> BsonDecoder.decodeValue(type, in);
        };
    }

    // Reads the length prefix and returns the reader index the document or array ends at.
    private static int checkedEnd(ByteBuf in) {
        int start = in.readerIndex();
        int length = in.readIntLE() - 4;
        if (in.readableBytes() < length) {
            throw new IllegalArgumentException("Too few bytes to read: " + in.readableBytes() + ". Expected: "
                    + length);
        }
        if (length > MAX_BSON_BODY || length < 1) {
            throw new IllegalArgumentException("illegal BSON length " + (length + 4) + " at " + start);
        }
        return in.readerIndex() + length;
    }
}
