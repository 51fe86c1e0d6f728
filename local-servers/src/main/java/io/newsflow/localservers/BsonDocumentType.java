package io.newsflow.localservers;

import java.nio.ByteBuffer;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import io.netty.buffer.Unpooled;

import de.bwaldvogel.mongo.bson.Document;

/**
 * How the MongoDB-wire server stores a document in its MVStore file: as BSON, the encoding its clients sent it in,
 * held in memory as those bytes ({@link StoredDocument}). The stock backend leaves documents to H2's
 * {@link ObjectDataType}, which Java-serialises them; every durable commit serialises each page it writes, so that was
 * more than half of the server's time under load, and reading a page back after a cache miss paid Java
 * deserialisation too. Here a page is written and read back by copying each value's bytes.
 *
 * <p>Each value starts with a tag byte that {@link ObjectDataType} never writes (its tags stop at 119), so a file the
 * stock backend wrote still opens: values without the tag are read the old way, encoded, and written as BSON the next
 * time their page is. A document BSON cannot hold (no such document comes over the wire) is written the old way too.
 * Files written here no longer open with the stock backend.
 */
final class BsonDocumentType extends BasicDataType<StoredDocument> {

    private static final byte TAG = 127;

    private final ObjectDataType legacy = new ObjectDataType();

    BsonDocumentType() {
    }

    @Override
    public int getMemory(StoredDocument document) {
        return document.memory();
    }

    @Override
    public void write(WriteBuffer buff, StoredDocument document) {
        byte[] bson = document.bson();
        if (bson == null) {
            legacy.write(buff, document.document());
            return;
        }
        // No length of its own: a BSON document starts with its length.
        buff.put(TAG).put(bson);
    }

    @Override
    public StoredDocument read(ByteBuffer buff) {
        if (buff.get(buff.position()) != TAG) {
            return StoredDocument.of((Document) legacy.read(buff));
        }
        buff.get();
        // BSON's length prefix is little-endian, counts itself, and the buffer reads big-endian. A length that cannot
        // be (a damaged page) fails the read here, not as an array of up to 2 GB or a decode much later.
        int length = Integer.reverseBytes(buff.getInt(buff.position()));
        if (length < 5 || length > buff.remaining()) {
            throw new IllegalArgumentException("A stored document's BSON length is " + length + " with "
                    + buff.remaining() + " bytes left in its page");
        }
        byte[] bson = new byte[length];
        buff.get(bson);
        return StoredDocument.ofBson(bson);
    }

    /** Reads one BSON document at the buffer's position and moves past it. */
    static Document readBson(ByteBuffer buff) {
        int length = Integer.reverseBytes(buff.getInt(buff.position()));
        ByteBuffer bson = buff.slice();
        bson.limit(length);
        buff.position(buff.position() + length);
        // Arrays decoded without their index names (BsonReader).
        return BsonReader.readDocument(Unpooled.wrappedBuffer(bson));
    }

    // MVMap compares values only to tell whether a conditional replace found what it expected.
    @Override
    public int compare(StoredDocument a, StoredDocument b) {
        return a.equals(b) ? 0 : 1;
    }

    @Override
    public StoredDocument[] createStorage(int size) {
        return new StoredDocument[size];
    }
}
