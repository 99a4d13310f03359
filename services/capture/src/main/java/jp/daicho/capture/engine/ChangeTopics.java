package jp.daicho.capture.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates each change-event topic before its first record, with a short retention: these topics carry
 * row values by nature (see docs/operations.md). Existing topics are left as the operator set them.
 */
final class ChangeTopics {

    private final Admin admin;
    private final Duration retention;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    ChangeTopics(Admin admin, Duration retention) {
        this.admin = admin;
        this.retention = retention;
    }

    void ensure(String topic) throws InterruptedException {
        if (known.contains(topic)) {
            return;
        }
        var newTopic = new NewTopic(topic, Optional.empty(), Optional.empty())
                .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis())));
        try {
            admin.createTopics(List.of(newTopic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create change-event topic " + topic + ": "
                        + e.getCause().getMessage(), e.getCause());
            }
        }
        known.add(topic);
    }
}
