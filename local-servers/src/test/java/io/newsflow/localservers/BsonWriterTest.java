package io.newsflow.localservers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.h2.mvstore.WriteBuffer;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.BsonJavaScript;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.LegacyUUID;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;

/** The embedded server's document encoder against mongo-java-server's own, byte for byte; nothing but the codecs. */
class BsonWriterTest {

    @Test
    void writesEveryValueTypeTheServerStoresExactlyAsTheStockEncoderDoes() {
        Document document = everyType();
        byte[] expected = stock(document);
        assertArrayEquals(expected, ours(document));
        assertEquals(300, ((List<?>) BsonDecoder.decodeBson(Unpooled.wrappedBuffer(expected)).get("e")).size());
    }

    @Test
    void readsEveryValueTypeTheServerStoresExactlyAsTheStockDecoderDoes() {
        byte[] encoded = stock(everyType());
        Document stockRead = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(encoded));
        ByteBuf in = Unpooled.wrappedBuffer(encoded);
        Document ours = BsonReader.readDocument(in);
        assertEquals(0, in.readableBytes(), "read exactly the document");
        // What they encode to, byte for byte; and equal values, but for the pattern, which has no equals of its own
        // (two stock reads differ there too).
        assertArrayEquals(encoded, stock(ours));
        BsonRegularExpression pattern = (BsonRegularExpression) ours.remove("regex");
        assertEquals("a.b", pattern.getPattern());
        stockRead.remove("regex");
        assertEquals(stockRead, ours);
        assertEquals(java.util.ArrayList.class, ours.get("e").getClass());
        assertEquals(300, ((List<?>) ours.get("e")).size());
    }

    @Test
    void refusesATruncatedOrUnterminatedDocumentAsTheStockDecoderDoes() {
        byte[] encoded = stock(new Document("a", List.of(1, 2, 3)).append("b", "x"));
        byte[] truncated = Arrays.copyOf(encoded, encoded.length - 3);
        assertThrows(IllegalArgumentException.class, () -> BsonDecoder.decodeBson(Unpooled.wrappedBuffer(truncated)));
        assertThrows(IllegalArgumentException.class, () -> BsonReader.readDocument(Unpooled.wrappedBuffer(truncated)));
        // The array's own length cut short, so that its end comes before its terminator.
        byte[] shortArray = encoded.clone();
        shortArray[7] = (byte) (shortArray[7] - 2);
        assertThrows(RuntimeException.class, () -> BsonReader.readDocument(Unpooled.wrappedBuffer(shortArray)));
    }

    @Test
    void refusesWhatTheStockEncoderRefuses() {
        Document document = new Document("array", new Object[] {1});
        assertThrows(IllegalArgumentException.class, () -> stock(document));
        assertThrows(IllegalArgumentException.class, () -> ours(document));
        Document nested = new Document("list", Arrays.asList(1, new Object()));
        assertThrows(IllegalArgumentException.class, () -> stock(nested));
        assertThrows(IllegalArgumentException.class, () -> ours(nested));
    }

    @Test
    void writesNonAsciiFieldNamesAsTheStockEncoderDoesAndRefusesANulInOne() {
        Document accented = new Document("café", 1).append("日本", new Document("été", List.of("x")));
        assertArrayEquals(stock(accented), ours(accented));
        assertThrows(IllegalArgumentException.class, () -> ours(new Document("a\0b", 1)));
        assertThrows(IllegalArgumentException.class, () -> ours(new Document("ok", new Document("a\0b", 1))));
    }

    /** Through the embedded server's document type: what it writes to a page, it reads back. */
    @Test
    void storesWhatBsonCannotCarryTheOldWayAndReadsEverythingBack() {
        BsonDocumentType type = new BsonDocumentType();
        Document ordinary = new Document("_id", "a").append("e", List.of(new BinData(new byte[24]), "x"));
        Document nulInName = new Document("_id", "b").append("a\0b", 1);
        Document huge = new Document("_id", "c").append("text", "x".repeat(17 * 1024 * 1024));
        for (Document document : List.of(ordinary, nulInName, huge)) {
            WriteBuffer page = new WriteBuffer();
            type.write(page, StoredDocument.of(document));
            ByteBuffer written = page.getBuffer();
            written.flip();
            assertEquals(document, type.read(written).document());
            assertEquals(0, written.remaining(), "read exactly what was written");
        }
        assertArrayEquals(stock(ordinary), StoredDocument.of(ordinary).bson(), "kept as the stock encoder's bytes");
        assertNull(StoredDocument.of(nulInName).bson(), "a NUL in a name is not BSON");
        assertNull(StoredDocument.of(huge).bson(), "past 16 MiB is not BSON the decoder reads");
        WriteBuffer page = new WriteBuffer();
        type.write(page, StoredDocument.of(nulInName));
        ByteBuffer written = page.getBuffer();
        written.flip();
        assertEquals(1, type.read(written).document().get("a\0b"), "the name kept whole");
    }

    /** A walk tests a query on the fields it names: each read alone, every other type skipped by its length. */
    @Test
    void readsOnlyTheFieldsNamedAndSkipsEveryOtherType() {
        Document document = everyType();
        byte[] bson = stock(document);
        Document whole = BsonReader.readDocument(Unpooled.wrappedBuffer(bson));
        for (String name : document.keySet()) {
            ByteBuf in = Unpooled.wrappedBuffer(bson);
            // Compared as BSON: a regular expression has no equals of its own.
            assertArrayEquals(stock(new Document(name, whole.get(name))),
                    stock(BsonReader.readFields(in, BsonReader.FieldNames.of(Set.of(name)))), name);
            assertEquals(0, in.readableBytes(), "moved past the document");
        }
        ByteBuf in = Unpooled.wrappedBuffer(bson);
        assertEquals(new Document(),
                BsonReader.readFields(in, BsonReader.FieldNames.of(Set.of("absent", "int2", "in"))));
        assertEquals(0, in.readableBytes());
        assertEquals(new Document("int", 7).append("js", whole.get("js")),
                BsonReader.readFields(Unpooled.wrappedBuffer(bson), BsonReader.FieldNames.of(Set.of("js", "int"))),
                "in the document's order");
        assertEquals(new Document("café", 1), BsonReader.readFields(
                Unpooled.wrappedBuffer(stock(new Document("cafe", 0).append("café", 1).append("caf", 2))),
                BsonReader.FieldNames.of(Set.of("café"))), "names compared as UTF-8 bytes");
    }

    /** A damaged page fails its read at the value, instead of allocating what its length says or decoding later. */
    @Test
    void refusesAStoredLengthThatCannotBe() {
        BsonDocumentType type = new BsonDocumentType();
        for (int length : new int[] {Integer.MAX_VALUE, -1, 4, 64}) {
            // The tag, a little-endian length, and 16 bytes where the length says otherwise.
            ByteBuffer page = ByteBuffer.allocate(21);
            page.put((byte) 127).putInt(Integer.reverseBytes(length)).flip();
            page.limit(21);
            assertThrows(IllegalArgumentException.class, () -> type.read(page), "length " + length);
        }
    }

    // Every value type the server stores: an array of 300 (past the table of index keys) in both shapes of a
    // near-duplicate bucket's entries, nested documents and arrays, and each scalar type.
    private static Document everyType() {
        List<Object> bucket = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            // Past the table of index keys, and entries of both shapes a near-duplicate bucket holds.
            bucket.add(i % 2 == 0 ? new BinData(new byte[24]) : "0123456789abcdef01234567 ff " + i);
        }
        return new Document("_id", "article-é-1")
                .append("int", 7).append("long", 1L << 40).append("double", 2.5).append("true", true)
                .append("null", null).append("date", Instant.ofEpochMilli(1_780_000_000_123L))
                .append("objectId", new ObjectId()).append("uuid", UUID.randomUUID())
                .append("legacyUuid", new LegacyUUID(UUID.randomUUID())).append("decimal", new Decimal128(
                        new BigDecimal("12.345")))
                .append("timestamp", new BsonTimestamp(42L)).append("regex", new BsonRegularExpression("a.b", "i"))
                .append("min", MinKey.getInstance()).append("max", MaxKey.getInstance())
                .append("js", new BsonJavaScript("1")).append("e", bucket)
                .append("nested", new Document("terms", List.of("a", List.of(1, 2, new Document("x", List.of())))))
                .append("set", new LinkedHashSet<>(List.of("x", "y"))).append("empty", new Document());
    }

    private static byte[] stock(Document document) {
        ByteBuf out = Unpooled.buffer();
        BsonEncoder.encodeDocument(document, out);
        return ByteBufUtil.getBytes(out);
    }

    private static byte[] ours(Document document) {
        ByteBuf out = Unpooled.buffer();
        BsonWriter.writeDocument(document, out);
        return ByteBufUtil.getBytes(out);
    }
}
