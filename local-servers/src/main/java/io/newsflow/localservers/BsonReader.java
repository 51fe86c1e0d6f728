package io.newsflow.localservers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

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
    static final int MAX_BSON_BODY = 16 * 1024 * 1024;

    private BsonReader() {
    }

    /** Reads one document at the buffer's reader index and moves past it; refuses what BsonDecoder refuses. */
    public static Document readDocument(ByteBuf in) {
        return read(in, null);
    }

    /**
     * Reads, of the document at the buffer's reader index, only the top-level fields named, and moves past it: the
     * others are skipped by their lengths, not decoded, and their names compared as bytes, never made strings. What a
     * walk over documents needs to test a query that names a few fields of each.
     */
    public static Document readFields(ByteBuf in, FieldNames names) {
        return read(in, names);
    }

    // Every field when names is null.
    private static Document read(ByteBuf in, FieldNames names) {
        int end = checkedEnd(in);
        Document document = new Document();
        while (in.readerIndex() < end) {
            byte type = in.readByte();
            if (type == END) {
                return document;
            }
            String name;
            if (names == null) {
                name = BsonDecoder.decodeCString(in);
            } else {
                int length = nameLength(in, end);
                name = names.at(in, length);
                in.skipBytes(length + 1);
            }
            if (name == null) {
                skipValue(type, in);
            } else if (document.put(name, readValue(type, in)) != null) {
                throw new IllegalArgumentException("Duplicate key '" + name + "'");
            }
        }
        throw new IllegalArgumentException("illegal BSON object");
    }

    /** Field names to read with {@link #readFields}, encoded once for every document they are compared with. */
    public static final class FieldNames {

        private final String[] names;
        // Read by absolute index only, so threads share them.
        private final ByteBuf[] encoded;

        private FieldNames(Set<String> names) {
            this.names = names.toArray(String[]::new);
            this.encoded = new ByteBuf[this.names.length];
            for (int i = 0; i < this.names.length; i++) {
                encoded[i] = Unpooled.wrappedBuffer(this.names[i].getBytes(StandardCharsets.UTF_8));
            }
        }

        public static FieldNames of(Set<String> names) {
            return new FieldNames(names);
        }

        // The name whose bytes are the length bytes at the buffer's reader index, if one is.
        private String at(ByteBuf in, int length) {
            int start = in.readerIndex();
            for (int i = 0; i < encoded.length; i++) {
                ByteBuf name = encoded[i];
                if (name.capacity() == length && ByteBufUtil.equals(in, start, name, 0, length)) {
                    return names[i];
                }
            }
            return null;
        }
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
            in.skipBytes(nameLength(in, end) + 1);
            values.add(readValue(type, in));
        }
        throw new IllegalArgumentException("illegal BSON array");
    }

    // The length of the element name at the reader index, without its NUL, which must come before end.
    private static int nameLength(ByteBuf in, int end) {
        int length = in.bytesBefore(end - in.readerIndex(), END);
        if (length < 0) {
            throw new IllegalArgumentException("illegal BSON: an element's name without its end");
        }
        return length;
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
