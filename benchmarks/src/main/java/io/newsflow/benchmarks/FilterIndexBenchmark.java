package io.newsflow.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;

/**
 * What the filters' own indexes ({@code newsflow.publish.indexed-filters}) cost the embedded MongoDB-wire server when
 * publish-service stores a poll of 100 articles: one unordered bulk write of revision-guarded upserts, over TCP, into a
 * durable file already holding 20,000 articles, with publish-service's indexes. {@code indexedFilters}: the three
 * {@code ./newsflow up} indexes (language, source, category: one to four entries an article) against all six (tag,
 * keyword and entity add some thirty: twenty keywords, a dozen entity names, three tags, drawn from a vocabulary of
 * 50,000 with Zipf's law, as the words of news are). The server runs in the benchmark's JVM, so the CPU is the driver's
 * and the server's together. {@code seldomKeywordPage}: what the index buys, the first page of a keyword that only the
 * five oldest articles have, as publish-service asks for it (its key and slug, newest first).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g", "-Xms1g"})
@Threads(1)
public class FilterIndexBenchmark {

    private static final int STORED = 20_000;
    private static final int POLL = 100;
    private static final int VOCABULARY = 50_000;
    private static final String SELDOM = "seldom-seen";
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    @Param({"language,source,category", "language,source,category,tag,keyword,entity"})
    public String indexedFilters;

    private DurableStore store;
    private MongoCollection<Document> articles;
    private final Random random = new Random(8);
    private double[] zipf;
    private int stored;

    @Setup(Level.Trial)
    public void start() throws Exception {
        zipf = new double[VOCABULARY];
        double sum = 0;
        for (int rank = 0; rank < VOCABULARY; rank++) {
            sum += 1.0 / (rank + 1);
            zipf[rank] = sum;
        }
        store = new DurableStore("filter-index");
        articles = store.collection("articles");
        // publish-service's indexes (ArticleStore.createIndexes): the embedded server keeps those ending in _id.
        articles.createIndex(Indexes.compoundIndex(Indexes.descending("sortAt"), Indexes.descending("_id")));
        articles.createIndex(Indexes.compoundIndex(Indexes.ascending("storedAt"), Indexes.ascending("_id")));
        articles.createIndex(Indexes.ascending("searchTerms"));
        List<String> fields = List.of("language", "sourceKey", "categoryKeys", "tags", "keywordSlugs", "entityKeys");
        List<String> filters = List.of("language", "source", "category", "tag", "keyword", "entity");
        List<String> indexed = Arrays.asList(indexedFilters.split(","));
        for (int i = 0; i < fields.size(); i++) {
            if (indexed.contains(filters.get(i))) {
                articles.createIndex(Indexes.compoundIndex(Indexes.ascending(fields.get(i)),
                        Indexes.descending("sortAt"), Indexes.descending("_id")));
            }
        }
        while (stored < STORED) {
            storePoll();
        }
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        store.close();
    }

    /** The first page of 20 of a keyword only the five oldest articles have. */
    @Benchmark
    public int seldomKeywordPage() {
        List<Document> page = articles.find(Filters.and(Filters.in("keywordSlugs", List.of(SELDOM, "seldom seen"))))
                .sort(Sorts.descending("sortAt", "_id")).limit(20).into(new ArrayList<>());
        if (page.size() != 5) {
            throw new IllegalStateException("the seldom keyword's page has " + page.size() + " articles, not 5");
        }
        return page.size();
    }

    /** One poll of 100 new articles stored as publish-service stores it; the time is per poll. */
    @Benchmark
    public int storePoll(StorePathBenchmark.Cpu cpu) {
        cpu.articles += POLL;
        return storePoll();
    }

    private int storePoll() {
        List<WriteModel<Document>> upserts = new ArrayList<>(POLL);
        for (int i = 0; i < POLL; i++) {
            Document article = article(stored++);
            upserts.add(new ReplaceOneModel<>(Filters.and(Filters.eq("_id", article.get("_id")),
                    Filters.lt("revision", 1)), article, UPSERT));
        }
        return articles.bulkWrite(upserts, UNORDERED).getUpserts().size();
    }

    // The fields publish-service stores (ArticleStore.toDocument), with text of a news article's length.
    private Document article(int n) {
        Date now = new Date(1_700_000_000_000L + n * 1000L);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 600; i++) {
            text.append(word()).append(' ');
        }
        List<Document> keywords = new ArrayList<>();
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String slug = i == 0 && n < 5 ? SELDOM : word();
            slugs.add(slug);
            keywords.add(new Document("text", slug).append("slug", slug).append("score", random.nextDouble()));
        }
        List<String> entityKeys = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            entityKeys.add("e-" + word());
        }
        return new Document("_id", String.format("%016x%08x", random.nextLong(), n)).append("revision", 1)
                .append("title", "Article " + n).append("text", text.toString())
                .append("url", "https://example.org/" + n)
                .append("sortAt", now).append("storedAt", now).append("firstStoredAt", now)
                .append("source", "Source " + n % 50).append("sourceKey", "source " + n % 50)
                .append("tags", List.of("tag" + random.nextInt(500), "tag" + random.nextInt(500),
                        "tag" + random.nextInt(500)))
                .append("language", n % 3 == 0 ? "fr" : "en").append("languageConfidence", 1.0)
                .append("keywords", keywords).append("keywordSlugs", slugs).append("entityKeys", entityKeys)
                .append("categoryKeys", List.of("medtop:" + n % 17, "category " + n % 17))
                .append("searchTerms", slugs).append("summary", text.substring(0, 300));
    }

    private String word() {
        int rank = Arrays.binarySearch(zipf, random.nextDouble() * zipf[VOCABULARY - 1]);
        return "w" + Math.min(VOCABULARY - 1, rank < 0 ? -rank - 1 : rank);
    }
}
