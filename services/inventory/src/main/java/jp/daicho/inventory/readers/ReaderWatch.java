package jp.daicho.inventory.readers;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Looks at the company's Kafka every {@code daicho.inventory.readers.interval} (20 s): a consumer group that starts
 * reading a topic of personal data is in the register, and flagged if no pipeline names it, within that interval;
 * one deleted leaves it. A Kafka that does not answer is logged and tried again; what was seen before stays.
 */
@Component
@ConditionalOnProperty(name = "daicho.inventory.readers.enabled", havingValue = "true", matchIfMissing = true)
class ReaderWatch {

    private static final Logger log = LoggerFactory.getLogger(ReaderWatch.class);
    static final String KAFKA = "kafka";

    private final ConsumerGroups kafka;
    private final ReaderRegister register;

    ReaderWatch(ConsumerGroups kafka, ReaderRegister register) {
        this.kafka = kafka;
        this.register = register;
    }

    @Scheduled(fixedDelayString = "${daicho.inventory.readers.interval:PT20S}", initialDelayString = "${daicho.inventory.readers.interval:PT20S}")
    void look() {
        try {
            register.observe(KAFKA, kafka.scan(), true, Instant.now());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.warn("Could not list the consumer groups of Kafka ({}); trying again in the next interval", e.toString());
        }
    }
}
