package jp.daicho.capture.offsets;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.KafkaOffsetBackingStore;
import org.apache.kafka.connect.util.SharedTopicAdmin;
import org.apache.kafka.connect.util.TopicAdmin;

import io.debezium.embedded.KafkaConnectUtil;

/**
 * Connect's Kafka offset store as the Debezium engine makes it, except that it closes the admin client it creates:
 * Debezium 3.6.1's own ({@code KafkaConnectUtil.kafkaOffsetBackingStore}) never does, so each engine (re)start would
 * leave an admin client and its thread behind. The admin client is given only the Kafka client properties of the
 * engine's configuration, not the connector's (which hold the source's password).
 */
public final class KafkaOffsetStore extends KafkaOffsetBackingStore {

    private final Admin admin;

    /** The engine makes the store by this constructor, then {@link #configure}s it. */
    public KafkaOffsetStore() {
        this(new Admin());
    }

    private KafkaOffsetStore(Admin admin) {
        super(admin, admin::clientIdBase, KafkaConnectUtil.converterForOffsetStore());
        this.admin = admin;
    }

    @Override
    public void configure(WorkerConfig config) {
        admin.open(config.originals());
        super.configure(config);
    }

    @Override
    public void stop() {
        try {
            super.stop();
        } finally {
            admin.close();
        }
    }

    /** The store's admin client, made from the engine's configuration and closed with the store. */
    private static final class Admin implements Supplier<TopicAdmin> {
        private SharedTopicAdmin shared;
        private String clientIdBase = "daicho-capture-offsets-";

        void open(Map<String, Object> engine) {
            clientIdBase = engine.getOrDefault("name", "daicho-capture-offsets") + "-";
            var client = new HashMap<String, Object>();
            engine.forEach((key, value) -> {
                if (AdminClientConfig.configNames().contains(key)) {
                    client.put(key, value);
                }
            });
            client.put(AdminClientConfig.CLIENT_ID_CONFIG, clientIdBase + "admin");
            shared = new SharedTopicAdmin(client);
        }

        String clientIdBase() {
            return clientIdBase;
        }

        @Override
        public TopicAdmin get() {
            return shared.get();
        }

        void close() {
            if (shared != null) {
                shared.close();
            }
        }
    }
}
