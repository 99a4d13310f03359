package jp.daicho.inventory.pipelines;

import java.time.Instant;
import java.util.List;

/**
 * What the pipelines feature tells the rest of the company, on Kafka ({@code ingest/} implements it).
 * Both calls return once the event is acknowledged, so a failure rolls the transaction back.
 */
public interface PipelineEvents {

    /** Who receives a pipeline's data, as an Art. 29 record names them; kind as {@code Party.Kind}. */
    record Recipient(String name, String kind, String address, String representative, String country) {
    }

    void registered(PipelineManifest manifest, List<String> fields, List<String> items, Recipient recipient, String country,
                    String policyVersion, String by, Instant at);

    void violationRaised(String pipelineId, PipelineRules.Violation violation, Instant at);

    /** The DPO retired the pipeline: it carries nothing from {@code at} on. */
    void retired(String pipelineId, String reason, String request, String by, Instant at);
}
