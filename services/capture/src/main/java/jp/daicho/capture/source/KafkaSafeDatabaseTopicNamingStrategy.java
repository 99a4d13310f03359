package jp.daicho.capture.source;

import java.util.Properties;

import io.debezium.schema.DefaultTopicNamingStrategy;

/**
 * The MySQL connector's default topic names ({@code <prefix>.<database>.<table>}), escaped as
 * {@link KafkaSafeTopicNamingStrategy} escapes PostgreSQL's: a Japanese table gets a distinct, readable-back name.
 */
public class KafkaSafeDatabaseTopicNamingStrategy extends DefaultTopicNamingStrategy {

    public KafkaSafeDatabaseTopicNamingStrategy(Properties props) {
        super(props);
    }

    @Override
    public String sanitizedTopicName(String name) {
        return KafkaSafeTopicNamingStrategy.escape(name);
    }
}
