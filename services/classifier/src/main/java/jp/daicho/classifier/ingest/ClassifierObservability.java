package jp.daicho.classifier.ingest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.binder.MeterBinder;

import jp.daicho.web.KafkaHealth;

/**
 * What the classifier's operators see besides its Kafka clients' own metrics (records consumed per topic, consumer
 * lag): readiness from Kafka, the change events handled with their outputs acknowledged, and — counted where they are
 * published ({@code publish.KafkaPublications}) — decisions by item and subject and dead letters by reason.
 */
@Configuration(proxyBeanMethods = false)
class ClassifierObservability {

    @Bean(destroyMethod = "close")
    KafkaHealth kafkaHealthIndicator(KafkaAdmin admin) {
        return new KafkaHealth(admin.getConfigurationProperties());
    }

    @Bean
    MeterBinder changeEventMetrics(ChangeEvents events) {
        return registry -> FunctionCounter.builder("daicho.events.handled", events, e -> e.progress().acknowledged())
                .description("change events handled whose outputs Kafka acknowledged")
                .tag("consumer", "classifier").register(registry);
    }
}
