package io.newsflow.edge;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.newsflow.contract.ContractFiles;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The contract of the topics a service produces, served by the running service to the teams that consume them
 * ({@code newsflow.http.contract-topics}): {@code /schemas/<topic>.json}, the JSON Schema of what it writes there
 * now; {@code /schemas/<file>}, every schema file those name by relative {@code $ref}; and {@code /asyncapi.yaml}.
 * The bytes are the contract module's own files. Nothing is served by a service that produces no topic.
 */
@ApplicationScoped
public class ServedContract {

    private final EdgeConfig config;

    ServedContract(EdgeConfig config) {
        this.config = config;
    }

    void routes(@Observes Router router) {
        List<String> topics = config.contractTopics().orElse(List.of());
        if (topics.isEmpty()) {
            return;
        }
        for (String topic : topics) {
            String file = ContractFiles.TOPIC_SCHEMAS.get(topic);
            if (file == null) {
                throw new IllegalStateException("newsflow.http.contract-topics names " + topic
                        + ", which is not one of the contract's topics " + ContractFiles.TOPIC_SCHEMAS.keySet());
            }
            byte[] schema = ContractFiles.schema(file).orElseThrow();
            router.get("/schemas/" + topic + ".json").handler(rc -> send(rc, "application/schema+json", schema));
        }
        for (String file : ContractFiles.SCHEMAS) {
            byte[] schema = ContractFiles.schema(file).orElseThrow();
            router.get("/schemas/" + file).handler(rc -> send(rc, "application/schema+json", schema));
        }
        byte[] asyncApi = ContractFiles.asyncApi();
        router.get("/asyncapi.yaml").handler(rc -> send(rc, "application/yaml", asyncApi));
    }

    private static void send(RoutingContext rc, String type, byte[] body) {
        // The documents change only with a new version of the service.
        rc.response().putHeader("Content-Type", type).putHeader("Cache-Control", "public, max-age=300")
                .end(Buffer.buffer(body));
    }
}
