package jp.daicho.capture.engine;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.MeterBinder;

import jp.daicho.capture.source.CaptureProperties;
import jp.daicho.web.KafkaHealth;

/**
 * What capture's operators see: readiness from Kafka and from each source's connection ({@code sources}: down while a
 * source fails, with the problem and its fix in the details), and per source the change events published, how far
 * behind the source's commits they are, and whether it streams.
 */
@Configuration(proxyBeanMethods = false)
class CaptureObservability {

    @Bean(destroyMethod = "close")
    KafkaHealth kafkaHealthIndicator(CaptureProperties properties) {
        return new KafkaHealth(properties.kafkaClient(Map.of()));
    }

    @Bean
    HealthIndicator sourcesHealthIndicator(CaptureRunner runner) {
        return new AbstractHealthIndicator("Source health check failed") {
            @Override
            protected void doHealthCheck(Health.Builder builder) {
                var statuses = runner.statuses();
                builder.status(statuses.stream().anyMatch(s -> s.state() == SourceStatus.State.FAILING) ? Status.DOWN
                        : statuses.stream().anyMatch(s -> s.state() == SourceStatus.State.STARTING) ? Status.OUT_OF_SERVICE
                        : Status.UP);
                for (var status : statuses) {
                    var detail = new java.util.LinkedHashMap<String, Object>();
                    detail.put("state", status.state().name());
                    detail.put("tables", status.tables());
                    if (status.problem() != null) {
                        detail.put("problem", status.problem());
                    }
                    builder.withDetail(status.source().name(), detail);
                }
            }
        };
    }

    @Bean
    MeterBinder captureMetrics(CaptureRunner runner, CaptureProperties properties) {
        return registry -> {
            for (var source : properties.sources()) {
                String name = source.name();
                FunctionCounter.builder("daicho.capture.events", runner, r -> Math.max(0, of(r, name, c -> c.published())))
                        .description("change events of the source published to Kafka and acknowledged")
                        .tag("source", name).register(registry);
                TimeGauge.builder("daicho.capture.lag", runner, TimeUnit.MILLISECONDS,
                                r -> of(r, name, c -> c.lagMillis() < 0 ? Double.NaN : c.lagMillis()))
                        .description("how far behind the source's commit the last published change event was")
                        .tag("source", name).register(registry);
                Gauge.builder("daicho.capture.streaming", runner, r -> r.statuses().stream()
                                .anyMatch(s -> s.source().name().equals(name) && s.state() == SourceStatus.State.STREAMING) ? 1 : 0)
                        .description("1 while the source's connector streams, 0 while it starts or fails")
                        .tag("source", name).register(registry);
            }
        };
    }

    private static double of(CaptureRunner runner, String source, ToDoubleFunction<SourceCapture> value) {
        return runner.capture(source).map(value::applyAsDouble).orElse(Double.NaN);
    }
}
