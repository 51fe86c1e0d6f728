package io.newsflow.ingest.sources;

import java.util.Map;

import io.newsflow.localservers.KafkaBroker;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A free port for the service under test, known in advance so that it can be named to hubs as the callback. */
public class CallbackPort implements QuarkusTestResourceLifecycleManager {

    static String baseUrl;

    @Override
    public Map<String, String> start() {
        int port = KafkaBroker.freePort();
        baseUrl = "http://127.0.0.1:" + port;
        return Map.of("quarkus.http.test-port", String.valueOf(port),
                "newsflow.ingest.websub.callback-base-url", baseUrl);
    }

    @Override
    public void stop() {
        // Nothing runs here: it only chose a port.
    }
}
