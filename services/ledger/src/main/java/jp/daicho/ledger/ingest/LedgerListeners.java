package jp.daicho.ledger.ingest;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import jp.daicho.events.ledger.ProvisionOccurred;
import jp.daicho.events.pipelines.PipelineRegistered;
import jp.daicho.events.requests.SubjectRequestChanged;
import jp.daicho.ledger.recording.Counterparty;
import jp.daicho.ledger.recording.KnownPipeline;
import jp.daicho.ledger.recording.KnownPipelines;
import jp.daicho.ledger.recording.Occurrence;
import jp.daicho.ledger.recording.ProvisionStops;
import jp.daicho.ledger.recording.RecordOccurrences;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.Topics;

/**
 * Kafka adapter of the ledger: decodes, maps to domain records, hands over a batch, and dead-letters what
 * it cannot use (pointing at the original, never copying it: occurrences carry identifying items). A
 * batch is one transaction of the chain; if the database is away the batch is retried (see
 * {@link KafkaErrors}), so nothing is lost or recorded out of order.
 */
@Component
class LedgerListeners {

    private static final Logger log = LoggerFactory.getLogger(LedgerListeners.class);

    private final AvroSerde<ProvisionOccurred> occurred = AvroSerde.of(ProvisionOccurred.class);
    private final AvroSerde<PipelineRegistered> registered = AvroSerde.of(PipelineRegistered.class);
    private final AvroSerde<SubjectRequestChanged> requests = AvroSerde.of(SubjectRequestChanged.class);
    private final AvroSerde<jp.daicho.events.pipelines.PipelineRetired> retirements =
            AvroSerde.of(jp.daicho.events.pipelines.PipelineRetired.class);
    private final RecordOccurrences record;
    private final KnownPipelines pipelines;
    private final KafkaLedgerEvents events;
    private final ProvisionStops stops;
    private final OutboxEvents outbox = new OutboxEvents();

    LedgerListeners(RecordOccurrences record, KnownPipelines pipelines, KafkaLedgerEvents events, ProvisionStops stops) {
        this.record = record;
        this.pipelines = pipelines;
        this.events = events;
        this.stops = stops;
    }

    /** The DPO retired a pipeline: the ledger records none of its occurrences from then on. */
    @KafkaListener(id = "ledger-retirements", idIsGroup = false, topics = Topics.PIPELINE_RETIRED)
    void onPipelineRetired(List<ConsumerRecord<String, byte[]>> batch) {
        each(batch, retirements, "ledger/retirements", "PipelineRetired",
                e -> pipelines.retired(e.getPipelineId(), e.getRetiredAt(), e.getReason(), e.getRequestId()));
    }

    /** A person's request to stop provision to third parties, answered: their data is provided no more. */
    @KafkaListener(id = "ledger-requests", idIsGroup = false, topics = Topics.SUBJECT_REQUEST_CHANGED)
    void onSubjectRequestChanged(List<ConsumerRecord<String, byte[]>> batch) {
        each(batch, requests, "ledger/requests", "SubjectRequestChanged", e -> {
            if (ProvisionStops.stops(e.getKind(), e.getStatus())) {
                stops.stopped(e.getRequestId(), e.getSubjectPseudonym(), e.getChangedAt());
            }
        });
    }

    @KafkaListener(id = "ledger-pipelines", idIsGroup = false, topics = Topics.PIPELINE_REGISTERED)
    void onPipelineRegistered(List<ConsumerRecord<String, byte[]>> batch) {
        each(batch, registered, "ledger/pipelines", "PipelineRegistered", e -> {
            var r = e.getRecipient();
            pipelines.on(new KnownPipeline(e.getPipelineId(), e.getName(), e.getLegalBasis(), e.getLegalExceptionItem(),
                    e.getRecordMode(), e.getCountry(), e.getCrossBorderBasis(),
                    r == null ? null : new Counterparty(r.getName(), r.getKind(), r.getAddress(), r.getRepresentative(), r.getCountry()),
                    e.getDataItems(), e.getRegisteredAt()));
        });
    }

    @KafkaListener(id = "ledger-occurrences", idIsGroup = false, topics = Topics.PROVISION_OCCURRED,
            // Larger batches: one chain transaction per poll, so fewer round trips per record.
            properties = {"max.poll.records=5000", "fetch.max.bytes=52428800", "max.partition.fetch.bytes=10485760"})
    void onProvisionOccurred(List<ConsumerRecord<String, byte[]>> batch) {
        withDeadLettersAcknowledged(() -> {
            var messages = new ArrayList<ConsumerRecord<String, byte[]>>(batch.size());
            var occurrences = new ArrayList<Occurrence>(batch.size());
            for (var message : batch) {
                try {
                    occurrences.add(occurrence(occurred.decode(message.value())));
                    messages.add(message);
                } catch (Unusable bad) {
                    events.deadLetter(message, "ledger/occurrences", bad.errorType, bad.getMessage());
                } catch (RuntimeException bad) {
                    events.deadLetter(message, "ledger/occurrences", "NOT_AVRO", "not a ProvisionOccurred event ("
                            + bad.getClass().getSimpleName() + "); produce it with the schema in schemas/src/main/avro/ledger");
                }
            }
            handOver(messages, occurrences, "ledger/occurrences");
        });
    }

    @KafkaListener(id = "ledger-outbox", idIsGroup = false, topicPattern = "${daicho.ledger.ingest.outbox-topic-pattern}",
            // A new outbox topic (a new source database) is picked up within seconds, not Kafka's default 5 minutes.
            properties = "metadata.max.age.ms=5000")
    void onOutboxChange(List<ConsumerRecord<String, byte[]>> batch) {
        withDeadLettersAcknowledged(() -> {
            var messages = new ArrayList<ConsumerRecord<String, byte[]>>(batch.size());
            var occurrences = new ArrayList<Occurrence>(batch.size());
            for (var message : batch) {
                try {
                    outbox.occurrence(message.value()).ifPresent(o -> {
                        occurrences.add(o);
                        messages.add(message);
                    });
                } catch (OutboxEvents.Unreadable bad) {
                    events.deadLetter(message, "ledger/outbox", bad.errorType(), bad.getMessage());
                }
            }
            handOver(messages, occurrences, "ledger/outbox");
        });
    }

    /** Each record of the batch decoded and applied; one that is not the event is dead-lettered ({@code NOT_AVRO}). */
    private <T extends org.apache.avro.specific.SpecificRecord> void each(List<ConsumerRecord<String, byte[]>> batch,
            AvroSerde<T> serde, String consumer, String event, java.util.function.Consumer<T> apply) {
        withDeadLettersAcknowledged(() -> {
            for (var message : batch) {
                T e;
                try {
                    e = serde.decode(message.value());
                } catch (RuntimeException bad) {
                    events.deadLetter(message, consumer, "NOT_AVRO", "not a " + event + " event: " + bad.getClass().getSimpleName());
                    continue;
                }
                apply.accept(e);
            }
        });
    }

    /** A batch's work, then its dead letters acknowledged by Kafka: before the batch's offsets are committed. */
    private void withDeadLettersAcknowledged(Runnable batchWork) {
        try {
            batchWork.run();
        } finally {
            events.awaitDeadLetters();
        }
    }

    private void handOver(List<ConsumerRecord<String, byte[]>> messages, List<Occurrence> occurrences, String consumer) {
        if (occurrences.isEmpty()) {
            return;
        }
        try {
            deadLetterRefused(messages, record.record(occurrences), consumer);
        } catch (DataIntegrityViolationException e) {
            // One occurrence the database refuses must not hold up the stream: record them one by one.
            for (int i = 0; i < occurrences.size(); i++) {
                try {
                    deadLetterRefused(messages.subList(i, i + 1), record.record(List.of(occurrences.get(i))), consumer);
                } catch (DataIntegrityViolationException refused) {
                    // The database's message may quote the row: name only the kind of refusal.
                    events.deadLetter(messages.get(i), consumer, "CONSTRAINT", "the database refused the occurrence ("
                            + refused.getClass().getSimpleName() + "); check its fields against docs/ledger.md");
                }
            }
        }
    }

    /**
     * Each refused occurrence dead-lettered; logged once per rule and batch with the first one's place and the count, so
     * that a flood of refusals does not flood the log (the dead letters name every one).
     */
    private void deadLetterRefused(List<ConsumerRecord<String, byte[]>> messages, List<RecordOccurrences.Outcome> outcomes,
                                   String consumer) {
        var refusedByRule = new java.util.LinkedHashMap<String, List<ConsumerRecord<String, byte[]>>>();
        for (int i = 0; i < outcomes.size(); i++) {
            var outcome = outcomes.get(i);
            if (outcome.status() == RecordOccurrences.Status.REJECTED) {
                var message = messages.get(i);
                refusedByRule.computeIfAbsent(outcome.rule(), rule -> new ArrayList<>()).add(message);
                events.deadLetter(message, consumer, "REJECTED:" + outcome.rule(), outcome.explanation() + " [" + outcome.clause() + "]");
            }
        }
        refusedByRule.forEach((rule, refused) -> log.warn("Refused {} occurrence(s) by rule {}, the first at {}-{}@{} (each on {})",
                refused.size(), rule, refused.getFirst().topic(), refused.getFirst().partition(), refused.getFirst().offset(),
                Topics.PROVISION_OCCURRED_DLQ));
    }

    /** An occurrence that decodes but cannot be read as one: its error type and what is wrong, naming no value. */
    static final class Unusable extends RuntimeException {
        final String errorType;

        Unusable(String errorType, String reason) {
            super(reason, null, false, false);
            this.errorType = errorType;
        }
    }

    static Occurrence occurrence(ProvisionOccurred e) {
        var p = e.getProvider();
        Occurrence.Direction direction;
        try {
            direction = Occurrence.Direction.valueOf(e.getDirection());
        } catch (IllegalArgumentException unknown) {
            throw new Unusable("INVALID_FIELD", "direction must be PROVIDED or RECEIVED");
        }
        // Avro reads a string that is not UTF-8 with replacement characters: a record would keep a corrupted identifier.
        List<String> texts = new ArrayList<>(java.util.Arrays.asList(e.getEventId(), e.getPipelineId(), e.getSubjectKey(),
                e.getConsentReference(), e.getBasis(), e.getAcquisition(), e.getRecordMode()));
        texts.addAll(e.getSubjectItems().keySet());
        texts.addAll(e.getSubjectItems().values());
        texts.addAll(e.getDataItems());
        if (p != null) {
            texts.addAll(java.util.Arrays.asList(p.getName(), p.getAddress(), p.getRepresentative(), p.getCountry()));
        }
        if (texts.stream().anyMatch(t -> t != null && t.indexOf('\uFFFD') >= 0)) {
            throw new Unusable("NOT_UTF8", "a string field is not valid UTF-8 (read as U+FFFD); produce UTF-8");
        }
        return new Occurrence(e.getEventId(), direction, e.getPipelineId(),
                e.getOccurredAt(), e.getSubjectKey(), e.getSubjectItems(), e.getDataItems(), e.getConsentReference(),
                e.getBasis(), p == null ? null : new Counterparty(p.getName(), null, p.getAddress(), p.getRepresentative(),
                p.getCountry()), e.getAcquisition(), e.getOptOutPublished(), e.getRecordMode());
    }
}
