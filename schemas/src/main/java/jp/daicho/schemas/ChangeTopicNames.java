package jp.daicho.schemas;

/**
 * The names of change-event topics: {@code <source>.<schema or database>.<table>}, as Debezium's default topic
 * naming spells them. Capture names its topics with {@link #escaped}; the classifier accepts an event only on a
 * topic named after the source and table the event claims, in this spelling or Debezium's default one (a Connect
 * deployment of the company's own).
 */
public final class ChangeTopicNames {

    /** Kafka's limit on a topic name's length. */
    public static final int MAX_LENGTH = 249;

    private ChangeTopicNames() {
    }

    /**
     * Each character Kafka does not allow in a topic name becomes {@code _uXXXX} (its UTF-16 code unit in hex), so
     * Japanese names get distinct, readable-back topics: {@code 会員} becomes {@code _u4f1a_u54e1}.
     */
    public static String escaped(String name) {
        var out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (allowed(c)) {
                out.append(c);
            } else {
                String hex = Integer.toHexString(c);
                out.append("_u").append("0000", hex.length(), 4).append(hex);
            }
        }
        return out.toString();
    }

    /** Debezium's default spelling: each character Kafka does not allow becomes {@code _}. */
    public static String debeziumDefault(String name) {
        var out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            out.append(allowed(c) ? c : '_');
        }
        return out.toString();
    }

    /** Whether a change event of {@code system.namespace.table} may come on {@code topic}. */
    public static boolean isTopicOf(String topic, String system, String namespace, String table) {
        String name = system + "." + namespace + "." + table;
        return topic.equals(name) || topic.equals(escaped(name)) || topic.equals(debeziumDefault(name));
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    }
}
