package jp.daicho.vocabulary;

/**
 * What can read personal data on the company's own infrastructure, and what a pipeline manifest names it by
 * ({@code readers: [{consumer_group: mail-sync}]}): Daichō watches each kind and tells a registered flow from an
 * undeclared one.
 */
public enum ReaderKind implements Term {
    CONSUMER_GROUP("consumer_group", "Kafka のコンシューマグループ", "Kafka consumer group"),
    REPLICATION_SLOT("replication_slot", "PostgreSQL のレプリケーションスロット", "PostgreSQL replication slot"),
    PUBLICATION("publication", "PostgreSQL のパブリケーション", "PostgreSQL publication"),
    BINLOG_CLIENT("binlog_client", "MySQL・MariaDB のバイナリログの読み手", "MySQL/MariaDB binary-log reader"),
    DATABASE_ROLE("database_role", "SELECT 権限を持つデータベースのロール", "database role with SELECT");

    private final String key;
    private final Words words;

    ReaderKind(String key, String japanese, String english) {
        this.key = key;
        this.words = new Words(japanese, english);
    }

    /** The key a manifest names a reader of this kind by: {@code consumer_group}. */
    public String key() {
        return key;
    }

    /** The reader's identity as violations and events carry it: {@code consumer_group:mail-sync}. */
    public String identity(String name) {
        return key + ":" + name;
    }

    @Override
    public Words words() {
        return words;
    }
}
