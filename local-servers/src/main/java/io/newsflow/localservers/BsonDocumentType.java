package io.newsflow.localservers;

import java.nio.ByteBuffer;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import de.bwaldvogel.mongo.bson.Document;

/**
 * How the MongoDB-wire server stores a document in its MVStore file: as BSON, the encoding its clients sent it in.
 * The stock backend leaves documents to H2's {@link ObjectDataType}, which Java-serialises them; every durable commit
 * serialises each page it writes, so that was more than half of the server's time under load, and reading a page back
 * after a cache miss paid Java deserialisation too.
 *
 * <p>Each value starts with a tag byte that {@link ObjectDataType} never writes (its tags stop at 119), so a file the
 * stock backend wrote still opens: values without the tag are read the old way and written as BSON the next time
 * their page is. A document BSON cannot hold (no such document comes over the wire) is written the old way too. Files
 * written here no longer open with the stock backend.
 */
final class BsonDocumentType extends BasicDataType<Document> {

    private static final byte TAG = 127;
    // What BsonDecoder reads at most after a document's length prefix.
    private static final int MAX_BSON_BODY = 16 * 1024 * 1024;

    private final ObjectDataType legacy = new ObjectDataType();
    // A running average of encoded sizes, one per collection (a registry entry is a tenth of an article): MVStore asks
    // for a value's memory to size pages and the cache, and encoding a document to learn its size would cost what
    // writing it does.
    private volatile int averageSize = 2048;

    BsonDocumentType() {
    }

    @Override
    public int getMemory(Document document) {
        return averageSize;
    }

    @Override
    public void write(WriteBuffer buff, Document document) {
        ByteBuf encoded = Unpooled.buffer(averageSize + 256);
        try {
            // The stock encoder's bytes, without its cost for arrays (BsonWriter).
            BsonWriter.writeDocument(document, encoded);
        } catch (IllegalArgumentException e) {
            legacy.write(buff, document);
            return;
        }
        int length = encoded.readableBytes();
        if (length - 4 > MAX_BSON_BODY) {
            // BsonDecoder refuses a document past 16 MiB, which mongo-java-server does not refuse to store (a $push
            // without $slice can grow one past it): written as BSON it would be unreadable after a restart.
            legacy.write(buff, document);
            return;
        }
        // No length of its own: a BSON document starts with its length.
        buff.put(TAG).put(encoded.array(), encoded.arrayOffset() + encoded.readerIndex(), length);
        learn(length);
    }

    @Override
    public Document read(ByteBuffer buff) {
        if (buff.get(buff.position()) != TAG) {
            return (Document) legacy.read(buff);
        }
        buff.get();
        int start = buff.position();
        Document document = readBson(buff);
        // Learnt from reads too: after a restart, before any write, the cache would count every page it reads back at
        // the default size.
        learn(buff.position() - start);
        return document;
    }

    /** Reads one BSON document at the buffer's position and moves past it. */
    static Document readBson(ByteBuffer buff) {
        // BSON's length prefix is little-endian, counts itself, and the buffer reads big-endian.
        int length = Integer.reverseBytes(buff.getInt(buff.position()));
        ByteBuffer bson = buff.slice();
        bson.limit(length);
        buff.position(buff.position() + length);
        // Arrays decoded without their index names (BsonReader): a page read back decodes every document it holds.
        return BsonReader.readDocument(Unpooled.wrappedBuffer(bson));
    }

    private void learn(int length) {
        averageSize = (int) ((length + 15L * averageSize) / 16);
    }

    // MVMap compares values only to tell whether a conditional replace found what it expected.
    @Override
    public int compare(Document a, Document b) {
        return a.equals(b) ? 0 : 1;
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
