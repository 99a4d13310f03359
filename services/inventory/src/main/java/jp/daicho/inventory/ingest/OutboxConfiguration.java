package jp.daicho.inventory.ingest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import jp.daicho.outbox.Outbox;

/** The inventory's outbox (table {@code outbox}, migration V9), relayed to Kafka after each commit. */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

    @Bean(destroyMethod = "close")
    Outbox outbox(JdbcClient jdbc, KafkaTemplate<String, byte[]> kafka, TransactionTemplate transactions) {
        return new Outbox("inventory", KafkaEvents.OUTBOX_LOCK, jdbc, kafka, transactions);
    }
}
