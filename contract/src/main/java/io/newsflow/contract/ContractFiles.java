package io.newsflow.contract;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of the contract as they are published: the JSON Schemas and the AsyncAPI document, read from this jar,
 * so that a service serving them serves exactly these bytes.
 */
public final class ContractFiles {

    /** Every schema file, by its name; their relative {@code $ref}s name each other. */
    public static final List<String> SCHEMAS = List.of(EventSchemas.ARTICLE_INGESTED_V1,
            EventSchemas.ARTICLE_ENRICHED_V1, EventSchemas.ARTICLE_ENRICHED_V2, "article.v1.schema.json");

    /** The schema of what this version of the contract writes to each topic. */
    public static final Map<String, String> TOPIC_SCHEMAS = Map.of(Topics.ARTICLES_INGESTED,
            EventSchemas.ARTICLE_INGESTED_V1, Topics.ARTICLES_ENRICHED, EventSchemas.ARTICLE_ENRICHED);

    private static final String ROOT = "io/newsflow/contract/";

    private ContractFiles() {
    }

    /** A schema file of {@link #SCHEMAS}; empty for any other name. */
    public static Optional<byte[]> schema(String name) {
        return SCHEMAS.contains(name) ? Optional.of(read(ROOT + "schemas/" + name)) : Optional.empty();
    }

    /** The AsyncAPI document of the topics, {@code asyncapi.yaml}. */
    public static byte[] asyncApi() {
        return read(ROOT + "asyncapi.yaml");
    }

    private static byte[] read(String resource) {
        try (InputStream in = ContractFiles.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the contract jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
