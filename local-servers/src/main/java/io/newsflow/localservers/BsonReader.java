package io.newsflow.localservers;

import java.util.ArrayList;
import java.util.List;

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
    private static final byte DOCUMENT = 3;
    private static final byte ARRAY = 4;
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
