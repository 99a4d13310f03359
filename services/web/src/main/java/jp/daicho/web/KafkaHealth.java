package jp.daicho.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Whether the service reaches its Kafka: the cluster answers within a few seconds with at least one broker. Part of
 * readiness: a service that cannot read or publish events should not be sent traffic it cannot act on.
 */
public final class KafkaHealth extends AbstractHealthIndicator implements AutoCloseable {

    private static final Duration WITHIN = Duration.ofSeconds(3);

    private final Admin admin;

    /** @param client the service's Kafka client settings (bootstrap servers, security) */
    public KafkaHealth(Map<String, Object> client) {
        super("Kafka health check failed");
        var config = new java.util.HashMap<>(client);
        config.put("request.timeout.ms", (int) WITHIN.toMillis());
        config.put("default.api.timeout.ms", (int) WITHIN.toMillis());
        config.put("client.id", "daicho-health");
        this.admin = Admin.create(config);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) WITHIN.toMillis()));
        int brokers = cluster.nodes().get(WITHIN.toMillis(), TimeUnit.MILLISECONDS).size();
        builder.status(brokers > 0 ? org.springframework.boot.health.contributor.Status.UP
                : org.springframework.boot.health.contributor.Status.DOWN).withDetail("brokers", brokers);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(1));
    }
}
