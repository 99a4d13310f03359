package jp.daicho.ledger.recording;

import java.time.Instant;
import java.util.List;

/** A pipeline as the inventory registered it: what its occurrences are checked against. */
public record KnownPipeline(String id, String name, String legalBasis, String legalExceptionItem, String recordMode,
                            String country, String crossBorderBasis, Counterparty recipient, List<String> dataItems,
                            Instant registeredAt) {

    public KnownPipeline {
        dataItems = dataItems == null ? List.of() : List.copyOf(dataItems);
    }
}
