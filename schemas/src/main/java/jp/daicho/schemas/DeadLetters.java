package jp.daicho.schemas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import org.apache.kafka.clients.producer.ProducerRecord;

import jp.daicho.events.deadletter.DeadLetter;

/**
 * The one dead-letter form of every Daichō consumer: a {@link DeadLetter} pointing at the original (topic, partition,
 * offset), with the reason, the value's size and SHA-256; the reason and the consumer also as headers
 * ({@link Topics#DLQ_REASON_HEADER}, {@link Topics#DLQ_CONSUMER_HEADER}). Input that may hold personal values (change
 * events, provision occurrences) is never copied ({@link #of}); Daichō's own inventory events hold none, and their
 * dead letters keep the value for replay ({@link #replayable}).
 */
public final class DeadLetters {

    private static final AvroSerde<DeadLetter> SERDE = AvroSerde.of(DeadLetter.class);

    private DeadLetters() {
    }

    /** A dead letter without the value: for input that may hold personal values. */
    public static ProducerRecord<String, byte[]> of(String deadLetterTopic, String key, String sourceTopic, int partition,
                                                    long offset, byte[] value, String consumer, String errorType, String reason) {
        return letter(deadLetterTopic, key, sourceTopic, partition, offset, value, false, consumer, errorType, reason);
    }

    /** A dead letter that keeps the value, to be replayed once fixed: only for topics that carry no personal values. */
    public static ProducerRecord<String, byte[]> replayable(String deadLetterTopic, String key, String sourceTopic, int partition,
                                                            long offset, byte[] value, String consumer, String errorType,
                                                            String reason) {
        return letter(deadLetterTopic, key, sourceTopic, partition, offset, value, true, consumer, errorType, reason);
    }

    private static ProducerRecord<String, byte[]> letter(String deadLetterTopic, String key, String sourceTopic, int partition,
                                                         long offset, byte[] value, boolean keep, String consumer,
                                                         String errorType, String reason) {
        var letter = DeadLetter.newBuilder().setSourceTopic(sourceTopic).setSourcePartition(partition).setSourceOffset(offset)
                .setConsumer(consumer).setReason(reason).setErrorType(errorType)
                .setPayloadBytes(value == null ? -1 : value.length).setPayloadSha256(value == null ? null : sha256(value))
                .setRejectedAt(Instant.now()).setPayload(keep && value != null ? java.nio.ByteBuffer.wrap(value) : null).build();
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
