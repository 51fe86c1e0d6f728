package io.newsflow.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.newsflow.localservers.BsonReader;
import io.newsflow.localservers.BsonWriter;

import de.bwaldvogel.mongo.bson.BinData;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;

/**
 * Encoding one stored document as the embedded MongoDB-wire server does at each durable commit, and decoding it as it
 * does when a page is read back from the file, with mongo-java-server's codec ({@code stock}) and with Newsflow's
 * ({@code newsflow}: the same bytes, the same values): a full near-duplicate bucket (64 entries of 24 bytes) and a
 * published article (text, 40 keywords, 150 search terms).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@Threads(1)
public class BsonWriterBenchmark {

    @Param({"stock", "newsflow"})
    public String codec;

    @Param({"bucket", "article"})
    public String document;

    private Document value;
    private ByteBuf out;
    private ByteBuf encoded;

    @Setup(Level.Trial)
    public void build() {
        Random random = new Random(25);
        if (document.equals("bucket")) {
            List<Object> entries = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                byte[] entry = new byte[24];
                random.nextBytes(entry);
                entries.add(new BinData(entry));
            }
            value = new Document("_id", "3:a7").append("e", entries);
        } else {
            List<Object> keywords = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                keywords.add(new Document("text", "keyword " + i).append("slug", "keyword-" + i).append("score",
                        random.nextDouble()));
            }
            List<Object> terms = new ArrayList<>();
            for (int i = 0; i < 150; i++) {
                terms.add("term" + i);
            }
            value = new Document("_id", "0123456789abcdef01234567").append("revision", 1)
                    .append("title", "A title of some length for an article").append("text", "word ".repeat(600))
                    .append("keywords", keywords).append("searchTerms", terms).append("keywordSlugs",
                            keywords.stream().map(k -> ((Document) k).get("slug")).toList());
        }
        out = Unpooled.buffer(16 * 1024);
        encoded = Unpooled.buffer(16 * 1024);
        BsonEncoder.encodeDocument(value, encoded);
    }

    @Benchmark
    public int encode() {
        out.clear();
        if (codec.equals("stock")) {
            BsonEncoder.encodeDocument(value, out);
        } else {
            BsonWriter.writeDocument(value, out);
        }
        return out.writerIndex();
    }

    @Benchmark
    public Document decode() {
        encoded.readerIndex(0);
        return codec.equals("stock") ? BsonDecoder.decodeBson(encoded) : BsonReader.readDocument(encoded);
    }
}
