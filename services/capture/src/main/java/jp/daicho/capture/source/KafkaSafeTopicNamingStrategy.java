package jp.daicho.capture.source;

import java.util.Properties;

import io.debezium.schema.SchemaTopicNamingStrategy;

import jp.daicho.schemas.ChangeTopicNames;

/**
 * The PostgreSQL connector's default topic names ({@code <prefix>.<schema>.<table>}) whenever those are
 * valid Kafka names; otherwise each character Kafka does not allow becomes {@code _uXXXX} (its UTF-16
 * code unit in hex), so Japanese tables get distinct, readable-back names: {@code 会員} becomes
 * {@code _u4f1a_u54e1}. Debezium's own default would turn every Japanese table into the same {@code _}
 * topic, and its Unicode strategy drops the schema and also escapes every {@code _}.
 */
public class KafkaSafeTopicNamingStrategy extends SchemaTopicNamingStrategy {

    public KafkaSafeTopicNamingStrategy(Properties props) {
        super(props);
    }

    @Override
    public String sanitizedTopicName(String name) {
        return escape(name);
    }

    static String escape(String name) {
        String escaped = ChangeTopicNames.escaped(name);
        if (escaped.length() > ChangeTopicNames.MAX_LENGTH) {
            throw new IllegalArgumentException("Topic name for '" + name + "' is longer than Kafka's 249 characters; "
                    + "set a shorter topic.prefix or route the table with a topic.naming.strategy of your own");
        }
        return escaped;
    }
}
