package io.newsflow.localservers;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.netty.buffer.ByteBuf;

import de.bwaldvogel.mongo.wire.bson.BsonEncoder;

/**
 * Encodes a stored document as BSON, byte for byte as mongo-java-server's {@link BsonEncoder} does, without its cost
 * for arrays: it turns each array into a map keyed {@code "0"}, {@code "1"}, … and then looks every key up again, so
 * an array of 64 entries cost 64 string conversions, hashes and map insertions and 64 lookups. Arrays are what
 * Newsflow's hottest documents hold (a near-duplicate bucket's 64 entries, an article's search terms, keywords and
 * entities), and a durable commit encodes every document of each leaf it writes: under single pushes that was a fifth
 * of the embedded server's CPU. Arrays and nested documents are walked here, index keys come from a table, and every
 * other value is written by {@link BsonEncoder} itself, so the bytes stay the stock encoder's.
 */
public final class BsonWriter {

    private static final byte DOCUMENT = 3;
    private static final byte ARRAY = 4;
    private static final byte[][] INDEX_KEYS = new byte[256][];

    static {
        for (int i = 0; i < INDEX_KEYS.length; i++) {
            INDEX_KEYS[i] = String.valueOf(i).getBytes(StandardCharsets.US_ASCII);
        }
    }

    private BsonWriter() {
    }

    /**
     * Appends {@code document} to {@code out} as BSON; throws IllegalArgumentException where BsonEncoder would, and for
     * a field name containing NUL, which BsonEncoder writes as a document that does not read back.
     */
    public static void writeDocument(Map<String, ?> document, ByteBuf out) {
        int start = out.writerIndex();
        out.writeIntLE(0);
        for (Map.Entry<String, ?> field : document.entrySet()) {
            String name = field.getKey();
            if (name.indexOf('\0') >= 0) {
                // A field name is a NUL-terminated string in BSON: the stock encoder writes it anyway, and the
                // document reads back cut at the NUL. The caller stores such a document another way.
                throw new IllegalArgumentException("A field name contains NUL: " + name.replace('\0', '?'));
            }
            writeElement(name.getBytes(StandardCharsets.UTF_8), field.getValue(), out);
        }
        out.writeByte(0);
        out.setIntLE(start, out.writerIndex() - start);
    }

    private static void writeArray(Object value, ByteBuf out) {
        List<?> values = value instanceof List<?> list ? list : new ArrayList<>((Collection<?>) value);
        int start = out.writerIndex();
        out.writeIntLE(0);
        for (int i = 0; i < values.size(); i++) {
            byte[] key = i < INDEX_KEYS.length ? INDEX_KEYS[i] : String.valueOf(i).getBytes(StandardCharsets.US_ASCII);
            writeElement(key, values.get(i), out);
        }
        out.writeByte(0);
        out.setIntLE(start, out.writerIndex() - start);
    }

    @SuppressWarnings("unchecked")
    private static void writeElement(byte[] key, Object value, ByteBuf out) {
        byte type = BsonEncoder.determineType(value);
        out.writeByte(type);
        out.writeBytes(key);
        out.writeByte(0);
        if (type == DOCUMENT) {
            writeDocument((Map<String, ?>) value, out);
        } else if (type == ARRAY) {
            writeArray(value, out);
        } else {
            BsonEncoder.encodeValue(type, value, out);
        }
    }
}
