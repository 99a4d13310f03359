package jp.daicho.inventory.ingest;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.util.backoff.ExponentialBackOff;

import jp.daicho.schemas.Topics;

/**
 * Error handling of the inventory's listeners. A record that can never be processed (undecodable, or an
 * event the domain rejects) goes at once to {@code <topic>.dlq} with the reason in the
 * {@code daicho.dlq.reason} header, so one bad record never stops the stream. Anything else (the database
 * away) is retried with a backoff growing to 30 s, for as long as it takes: a valid event is never
 * dead-lettered because of an outage, and nothing after it is processed out of order. Our topics carry no
 * raw personal values, so the dead letter may keep the original bytes.
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

    @Bean
    FailedAttempts failedAttempts() {
        return new FailedAttempts();
    }

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> template, FailedAttempts attempts) {
        var recoverer = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(record.topic() + ".dlq", -1));
        recoverer.setHeadersFunction((record, e) -> {
            var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            headers.add(Topics.DLQ_REASON_HEADER, (cause.getClass().getSimpleName() + ": " + cause.getMessage())
                    .getBytes(StandardCharsets.UTF_8));
            headers.add(Topics.DLQ_CONSUMER_HEADER, ("inventory/" + record.topic()).getBytes(StandardCharsets.UTF_8));
            return headers;
        });
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
