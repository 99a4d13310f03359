package jp.daicho.inventory.ingest;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import jp.daicho.schemas.Topics;

/**
 * Error handling of the inventory's listeners. A record that can never be processed (undecodable, or an
 * event the domain rejects) goes at once to {@code <topic>.dlq} with the reason in the
 * {@code daicho.dlq.reason} header; anything else (the database briefly away) is retried, then
 * dead-lettered, so one bad record never stops the stream. Our topics carry no raw personal values, so
 * the dead letter may keep the original bytes.
 */
@Configuration
class DeadLetters {

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> template) {
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
        var handler = new DefaultErrorHandler(recoverer, new FixedBackOff(1000, 5));
        handler.addNotRetryableExceptions(SerializationException.class, IllegalArgumentException.class);
        return handler;
    }
}
