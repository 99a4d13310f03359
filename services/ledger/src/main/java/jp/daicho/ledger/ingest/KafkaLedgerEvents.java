package jp.daicho.ledger.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import jp.daicho.events.ledger.LedgerCheckpointed;
import jp.daicho.events.pipelines.ViolationRaised;
import jp.daicho.ledger.recording.Decision;
import jp.daicho.ledger.recording.LedgerEvents;
import jp.daicho.outbox.Outbox;
import jp.daicho.schemas.AvroSerde;
import jp.daicho.schemas.DeadLetters;
import jp.daicho.schemas.Topics;

/**
 * The ledger's events, written to its outbox in the transaction of the records they report and published once it
 * commits ({@link Outbox}); dead letters, which report input rather than a change, go to Kafka directly, acknowledged
 * before the batch that found them is committed.
 */
@Component
class KafkaLedgerEvents implements LedgerEvents {

    /** One relay of the ledger's outbox at a time across its instances ("ledger" as a number). */
    static final long OUTBOX_LOCK = 0x6c6564676572L;

    /**
     * The key of this ledger's checkpoints on their topic, which several ledgers may share: {@code
     * daicho.ledger.name}, or else the database's JDBC URL. Configuration, not data: whoever can rewrite the
     * database cannot make the verifier read another ledger's anchors. Give production a stable name.
     */
    static final String NAME = "${daicho.ledger.name:${spring.datasource.url}}";

    private final KafkaTemplate<String, byte[]> kafka;
    private final Outbox outbox;
    private final String ledger;
    private final MeterRegistry metrics;
    private final AvroSerde<ViolationRaised> violations = AvroSerde.of(ViolationRaised.class);
    private final AvroSerde<LedgerCheckpointed> checkpoints = AvroSerde.of(LedgerCheckpointed.class);

    KafkaLedgerEvents(KafkaTemplate<String, byte[]> kafka, Outbox outbox, @Value(NAME) String ledger, MeterRegistry metrics) {
        this.kafka = kafka;
        this.outbox = outbox;
        this.ledger = ledger;
        this.metrics = metrics;
    }

    @Override
    public void rejected(String pipelineId, Decision.Rejected r, Instant at) {
        var event = ViolationRaised.newBuilder().setPipelineId(pipelineId).setRule(r.rule())
                .setMessage("A provision occurrence was refused: " + r.reason()).setClause(r.clause()).setRaisedBy("ledger")
                .setRaisedAt(at).build();
        outbox.enqueue(Topics.VIOLATION_RAISED, pipelineId, violations.encode(event));
    }

    @Override
    public void checkpointed(long seq, String hash, String reason, Instant at) {
        var event = LedgerCheckpointed.newBuilder().setSeq(seq).setHash(hash).setReason(reason).setCheckpointedAt(at).build();
        outbox.enqueue(Topics.LEDGER_CHECKPOINTED, ledger, checkpoints.encode(event));
    }

    /**
     * A record the ledger cannot use, pointing at the original: its identifying items are not copied. Sent at once and
     * acknowledged by {@link #awaitDeadLetters} before the listener's batch ends, so that its offsets are committed only
     * after its dead letters are safe; not one Kafka round trip each (issue 16's fuzzing: 100,000 bad records had held
     * the ledger to some 200 records a second).
     */
    void deadLetter(ConsumerRecord<?, byte[]> record, String consumer, String errorType, String reason) {
        var letter = DeadLetters.of(Topics.PROVISION_OCCURRED_DLQ, null, record.topic(), record.partition(), record.offset(),
                record.value(), consumer, errorType, reason);
        pending.get().add(kafka.send(letter));
        // The reason's category only (REJECTED:<rule> names a rule, never a value).
        metrics.counter("daicho.dead.letters", "topic", record.topic(), "reason", errorType).increment();
    }

    /** Dead letters sent by this listener thread and not yet acknowledged. */
    private final ThreadLocal<List<CompletableFuture<?>>> pending = ThreadLocal.withInitial(ArrayList::new);

    /** Waits until Kafka has acknowledged every dead letter this thread sent; a failure fails the batch, which is retried. */
    void awaitDeadLetters() {
        List<CompletableFuture<?>> sent = pending.get();
        if (sent.isEmpty()) {
            return;
        }
        try {
            kafka.flush();
            for (var future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing to " + Topics.PROVISION_OCCURRED_DLQ, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge a dead letter on " + Topics.PROVISION_OCCURRED_DLQ, e);
        } finally {
            sent.clear();
        }
    }
}
