package jp.daicho.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import org.apache.kafka.clients.producer.ProducerRecord;

import jp.daicho.events.deadletter.DeadLetter;

/**
 * A dead letter for input that may hold personal values (change events, provision occurrences): a {@link DeadLetter}
 * pointing at the original (topic, partition, offset), with the reason, its size and SHA-256, never its bytes; the
 * reason and the consumer also as headers ({@link Topics#DLQ_REASON_HEADER}, {@link Topics#DLQ_CONSUMER_HEADER}).
 * The inventory's own topics carry no personal values: their dead letters keep the original record for replay
 * (Spring Kafka's recoverer, docs/events.md).
 */
public final class DeadLetters {

    private static final AvroSerde<DeadLetter> SERDE = AvroSerde.of(DeadLetter.class);

    private DeadLetters() {
    }

    public static ProducerRecord<String, byte[]> of(String deadLetterTopic, String key, String sourceTopic, int partition,
                                                    long offset, byte[] value, String consumer, String errorType, String reason) {
        var letter = DeadLetter.newBuilder().setSourceTopic(sourceTopic).setSourcePartition(partition).setSourceOffset(offset)
                .setConsumer(consumer).setReason(reason).setErrorType(errorType)
                .setPayloadBytes(value == null ? -1 : value.length).setPayloadSha256(value == null ? null : sha256(value))
                .setRejectedAt(Instant.now()).build();
        var record = new ProducerRecord<String, byte[]>(deadLetterTopic, key, SERDE.encode(letter));
        record.headers().add(Topics.DLQ_REASON_HEADER, reason.getBytes(StandardCharsets.UTF_8));
        record.headers().add(Topics.DLQ_CONSUMER_HEADER, consumer.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
