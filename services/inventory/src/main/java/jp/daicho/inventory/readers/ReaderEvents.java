package jp.daicho.inventory.readers;

import java.time.Instant;

import jp.daicho.inventory.pipelines.PipelineRules;

/** Tells the rest of the company of a reader no pipeline names ({@code ingest/} publishes it), in its transaction. */
public interface ReaderEvents {

    void unregisteredFlow(String reader, PipelineRules.Violation violation, Instant at);
}
