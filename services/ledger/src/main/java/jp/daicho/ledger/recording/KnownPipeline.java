package jp.daicho.ledger.recording;

import java.time.Instant;
import java.util.List;

/**
 * A pipeline as the inventory registered it: what its occurrences are checked against.
 *
 * @param retiredAt when the DPO retired it ({@code PipelineRetired}); null while it runs
 */
public record KnownPipeline(String id, String name, String legalBasis, String legalExceptionItem, String recordMode,
                            String country, String crossBorderBasis, Counterparty recipient, List<String> dataItems,
                            Instant registeredAt, Instant retiredAt) {

    public KnownPipeline {
        dataItems = dataItems == null ? List.of() : List.copyOf(dataItems);
    }

    /** A registration as {@code PipelineRegistered} tells it: a retirement comes on a topic of its own. */
    public KnownPipeline(String id, String name, String legalBasis, String legalExceptionItem, String recordMode,
                         String country, String crossBorderBasis, Counterparty recipient, List<String> dataItems,
                         Instant registeredAt) {
        this(id, name, legalBasis, legalExceptionItem, recordMode, country, crossBorderBasis, recipient, dataItems,
                registeredAt, null);
    }
}
