package jp.daicho.classifier.ingest;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import jp.daicho.classifier.publish.StateTopics;
import jp.daicho.web.KafkaHealth;

/**
 * What the classifier's operators see besides its Kafka clients' own metrics (records consumed per topic, consumer
 * lag): readiness from Kafka and from the state topics (ready once they are read to their end), the change events
 * handled with their outputs acknowledged, the datasets the instances agree on, and — counted where they are
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

    /** Out of service until the state topics are read to their end: until then no change event is handled. */
    @Bean
    HealthIndicator stateTopicsHealthIndicator(StateTopics state) {
        return () -> (state.caughtUp() ? Health.up() : Health.outOfService()).build();
    }

    @Bean
    MeterBinder sharedStateMetrics(ObservedDatasets observed) {
        return registry -> Gauge.builder("daicho.classifier.datasets.known", observed, ObservedDatasets::size)
                .description("datasets the classifier instances published, as read back from the dataset-observed topic")
                .register(registry);
    }
}
