package jp.daicho.inventory.review;

import java.time.Instant;

/** Tells the classifier about a DPO's decision ({@code ingest/} publishes it), within the review's transaction. */
public interface ReviewEvents {

    void reviewed(String datasetId, String field, String item, String subject, boolean sensitive, String state,
                  String by, Instant at);
}
