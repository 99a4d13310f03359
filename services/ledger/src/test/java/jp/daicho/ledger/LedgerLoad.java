package jp.daicho.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jp.daicho.ledger.recording.Occurrence;

/** Occurrences for tests: a consent-based provision of one member's name. */
final class LedgerLoad {

    private LedgerLoad() {
    }

    static Occurrence occurrence(String eventId, String pipeline, Instant at) {
        return new Occurrence(eventId, Occurrence.Direction.PROVIDED, pipeline, at, "M-" + eventId,
                Map.of("氏名", "試験 太郎"), List.of("name"), "consent#" + eventId, null, null, null, null, null);
    }
}
