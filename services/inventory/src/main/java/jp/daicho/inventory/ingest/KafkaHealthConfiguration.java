package jp.daicho.inventory.ingest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import jp.daicho.web.KafkaHealth;

/** Whether the service reaches its Kafka, with the same client settings as its own clients: part of readiness. */
@Configuration
class KafkaHealthConfiguration {

    @Bean(destroyMethod = "close")
    KafkaHealth kafkaHealthIndicator(KafkaAdmin admin) {
        return new KafkaHealth(admin.getConfigurationProperties());
    }
}
