package jp.daicho.ledger.recording;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One provision (PROVIDED) or receipt (RECEIVED) of one data subject's personal data, as a pipeline reports
 * it. The subject's key and identifying items are raw personal values: they go only into the encrypted
 * record, never into a log, an error or a topic of ours.
 *
 * @param subjectKey   what the data subject will quote when asking for disclosure (Art. 33(5))
 * @param subjectItems the items identifying the data subject, by item name, as the record must carry them
 * @param dataItems    item codes provided; empty means the pipeline's items
 * @param basis        RECEIVED: the provider's legal basis; PROVIDED: optional, must be the pipeline's
 * @param provider     RECEIVED: who provided the data
 * @param recordMode   RECEIVED: how the confirmation is recorded; PROVIDED takes the pipeline's
 */
public record Occurrence(String eventId, Direction direction, String pipelineId, Instant occurredAt, String subjectKey,
                         Map<String, String> subjectItems, List<String> dataItems, String consentReference, String basis,
                         Counterparty provider, String acquisition, Boolean optOutPublished, String recordMode) {

    public enum Direction { PROVIDED, RECEIVED }

    public Occurrence {
        subjectItems = subjectItems == null ? Map.of() : Map.copyOf(subjectItems);
        dataItems = dataItems == null ? List.of() : List.copyOf(dataItems);
    }
}
