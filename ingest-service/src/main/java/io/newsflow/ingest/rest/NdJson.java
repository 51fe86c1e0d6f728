package io.newsflow.ingest.rest;

import java.util.List;

import io.newsflow.contract.EventJson;

/** Answers of one JSON document per line ({@code application/x-ndjson}), each line ending in a newline. */
final class NdJson {

    private NdJson() {
    }

    static String lines(List<?> documents) {
        StringBuilder answer = new StringBuilder();
        for (Object document : documents) {
            answer.append(EventJson.write(document)).append('\n');
        }
        return answer.toString();
    }
}
