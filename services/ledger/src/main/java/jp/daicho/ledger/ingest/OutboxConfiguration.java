package jp.daicho.ledger.ingest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import jp.daicho.outbox.Outbox;

/** The ledger's outbox (table {@code outbox}, migration V3), relayed to Kafka after each commit. */
@Configuration(proxyBeanMethods = false)
class OutboxConfiguration {

    @Bean(destroyMethod = "close")
    Outbox outbox(JdbcClient jdbc, KafkaTemplate<String, byte[]> kafka, TransactionTemplate transactions) {
        return new Outbox("ledger", KafkaLedgerEvents.OUTBOX_LOCK, jdbc, kafka, transactions);
    }
}
