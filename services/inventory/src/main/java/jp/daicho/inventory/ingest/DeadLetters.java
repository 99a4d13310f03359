package jp.daicho.inventory.ingest;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Error handling of the inventory's listeners. A record that can never be processed (undecodable, or an
 * event the domain rejects) goes at once to {@code <topic>.dlq} as every Daichō dead letter does
 * ({@link jp.daicho.schemas.DeadLetters}, reason and consumer also in headers), so one bad record never stops the
 * stream. Anything else (the database away) is retried with a backoff growing to 30 s, for as long as it takes: a
 * valid event is never dead-lettered because of an outage, and nothing after it is processed out of order. Our
 * topics carry no raw personal values, so the dead letter keeps the original value for replay.
 */
@Configuration
class DeadLetters {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(DeadLetters.class);

    static String rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** What kind of input it was, for the dead letter's errorType. */
    static String errorType(Throwable cause) {
        return switch (cause) {
            case SerializationException e -> "NOT_READABLE";
            case DataIntegrityViolationException e -> "CONSTRAINT";
            case IllegalArgumentException e -> "REJECTED";
            default -> "FAILED";
        };
    }

    private static String key(Object key) {
        return key instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : key == null ? null : key.toString();
    }

    @Bean
    FailedAttempts failedAttempts() {
        return new FailedAttempts();
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> template, FailedAttempts attempts, MeterRegistry metrics) {
        ConsumerRecordRecoverer recoverer = (record, e) -> {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            var letter = jp.daicho.schemas.DeadLetters.replayable(record.topic() + ".dlq", key(record.key()), record.topic(),
                    record.partition(), record.offset(), record.value() instanceof byte[] bytes ? bytes : null,
                    "inventory/" + record.topic(), errorType(cause), cause.getClass().getSimpleName() + ": " + cause.getMessage());
            try {
                // Sent before the offset is committed: a dead letter that did not reach Kafka is retried, not lost.
                template.send(letter).get(30, TimeUnit.SECONDS);
                metrics.counter("daicho.dead.letters", "topic", record.topic(), "reason", errorType(cause)).increment();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new KafkaException("Interrupted while dead-lettering " + record.topic() + "-" + record.partition()
                        + "@" + record.offset(), interrupted);
            } catch (ExecutionException | TimeoutException failed) {
                throw new KafkaException("Could not dead-letter " + record.topic() + "-" + record.partition() + "@"
                        + record.offset() + ": " + rootCause(failed), failed);
            }
        };
        var backOff = new ExponentialBackOff(500, 2);
        backOff.setMaxInterval(30_000);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(SerializationException.class, IllegalArgumentException.class,
                DataIntegrityViolationException.class);
        handler.setRetryListeners((record, e, attempt) -> {
            attempts.failed();
            log.warn("Attempt {} to apply {}-{}@{} failed, will retry: {}", attempt, record.topic(), record.partition(),
                    record.offset(), rootCause(e));
        });
        return handler;
    }
}
