package jp.daicho.ledger.recording;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jp.daicho.web.Rejected;

/**
 * Occurrences over REST, for pipelines that report by HTTP rather than Kafka: one or a list of up to
 * {@value #MAX_PER_REQUEST} (a body of at most 2 MB), each answered with what became of it. A refused one answers 422 with the
 * reason (and is a violation for the DPO); nothing else of the request is lost.
 */
@RestController
@RequestMapping("/api/occurrences")
class OccurrenceController {

    static final int MAX_PER_REQUEST = 1000;

    /** The JSON shape of an occurrence (the Avro event's fields). */
    record Body(String eventId, Occurrence.Direction direction, String pipelineId, Instant occurredAt, String subjectKey,
                Map<String, String> subjectItems, List<String> dataItems, String consentReference, String basis,
                Counterparty provider, String acquisition, Boolean optOutPublished, String recordMode) {

        Occurrence occurrence() {
            // As in the Avro schema: a provider's country is Japan unless it says otherwise.
            Counterparty from = provider == null || provider.country() != null ? provider
                    : new Counterparty(provider.name(), provider.kind(), provider.address(), provider.representative(), "JP");
            return new Occurrence(eventId, direction == null ? Occurrence.Direction.PROVIDED : direction, pipelineId,
                    occurredAt, subjectKey, subjectItems, dataItems, consentReference, basis, from, acquisition,
                    optOutPublished, recordMode);
        }
    }

    private final RecordOccurrences record;
    private final OccurrenceSummary summaries;

    OccurrenceController(RecordOccurrences record, OccurrenceSummary summaries) {
        this.record = record;
        this.summaries = summaries;
    }

    @PostMapping
    ResponseEntity<Outcomes> report(@RequestBody List<Body> bodies) {
        if (bodies.isEmpty() || bodies.size() > MAX_PER_REQUEST) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "1回のリクエストで送れるのは 1 から " + MAX_PER_REQUEST + " 件です（"
                    + bodies.size() + " 件ではなく）。", "Send 1 to " + MAX_PER_REQUEST + " occurrences per request, not " + bodies.size());
        }
        var outcomes = record.record(bodies.stream().map(Body::occurrence).toList());
        boolean allRejected = outcomes.stream().allMatch(o -> o.status() == RecordOccurrences.Status.REJECTED);
        return ResponseEntity.status(allRejected ? HttpStatus.UNPROCESSABLE_CONTENT : HttpStatus.OK).body(new Outcomes(outcomes));
    }

    /** What became of each occurrence sent, in the order sent. */
    record Outcomes(List<RecordOccurrences.Outcome> outcomes) {
    }

    /** What happened to the occurrences of a period: recorded, exempt (and why), refused (and why). */
    @GetMapping("/summary")
    OccurrenceSummary.Summary summary(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to) {
        return summaries.of(from, to);
    }
}
