package io.newsflow.contract;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;

/**
 * Validates event JSON against the published JSON Schemas (2020-12, formats asserted). Needs
 * {@code com.networknt:json-schema-validator} on the classpath, which this module declares optional.
 */
public final class EventSchemas {

    public static final String ARTICLE_INGESTED_V1 = "article-ingested.v1.schema.json";
    public static final String ARTICLE_ENRICHED_V1 = "article-enriched.v1.schema.json";
    public static final String ARTICLE_ENRICHED_V2 = "article-enriched.v2.schema.json";
    /** The schema of what this version of the contract writes to articles-enriched. */
    public static final String ARTICLE_ENRICHED = ARTICLE_ENRICHED_V2;

    // The schemas' $id prefix; mapped onto this jar so that relative $refs between them resolve offline.
    private static final String ID_PREFIX = "https://newsflow.io/schemas/";

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder
                    .schemaMappers(mappers -> mappers.mapPrefix(ID_PREFIX, "classpath:io/newsflow/contract/schemas/")));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** The violations of {@code json} against the named schema file; empty when it is valid. */
    public static List<String> validate(String schemaFile, String json) {
        JsonSchema schema = SCHEMAS.computeIfAbsent(schemaFile,
                file -> FACTORY.getSchema(SchemaLocation.of(ID_PREFIX + file), CONFIG));
        return schema.validate(EventJson.tree(json)).stream().map(Object::toString).toList();
    }
}
