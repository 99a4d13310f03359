package jp.daicho.app;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The launcher's options: {@code --name=value} arguments, falling back to environment variables. Without
 * any, everything is embedded: Kafka, PostgreSQL and the demo source database.
 *
 * @param kafka      external bootstrap servers ({@code --kafka}, {@code KAFKA_BOOTSTRAP_SERVERS}); null = embedded
 * @param dbUrl      external JDBC URL of Daichō's database ({@code --db-url}, {@code DAICHO_DB_URL}); null = embedded
 * @param demo       create and stream the demo source database ({@code --demo}; default: when PostgreSQL is embedded)
 * @param changeMillis pause between two demo changes ({@code --demo-change-millis})
 */
record LauncherOptions(String kafka, String dbUrl, String dbUser, String dbPassword, int httpPort, boolean demo,
                       long changeMillis) {

    static final List<String> KNOWN = List.of("kafka", "db-url", "db-user", "db-password", "http-port", "demo",
            "demo-change-millis", "help");

    static LauncherOptions parse(String[] args, Map<String, String> env) {
        var given = new HashMap<String, String>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "'. Options look like --name=value; see --help.");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name + ". Known: --" + String.join(", --", KNOWN));
            }
            given.put(name, eq < 0 ? "true" : arg.substring(eq + 1));
        }
        if (given.containsKey("help")) {
            return null;
        }
        String kafka = given.getOrDefault("kafka", env.get("KAFKA_BOOTSTRAP_SERVERS"));
        String dbUrl = given.getOrDefault("db-url", env.get("DAICHO_DB_URL"));
        String dbUser = given.getOrDefault("db-user", env.getOrDefault("DAICHO_DB_USER", "daicho"));
        String dbPassword = given.getOrDefault("db-password", env.getOrDefault("DAICHO_DB_PASSWORD", ""));
        int port = Integer.parseInt(given.getOrDefault("http-port", env.getOrDefault("DAICHO_HTTP_PORT", "8080")));
        boolean demo = Boolean.parseBoolean(given.getOrDefault("demo", Boolean.toString(dbUrl == null)));
        if (demo && dbUrl != null) {
            throw new IllegalArgumentException("--demo needs the embedded PostgreSQL (it creates the demo source database "
                    + "there). With --db-url, configure your own sources for the capture service instead (docs/operations.md).");
        }
        long changeMillis = Long.parseLong(given.getOrDefault("demo-change-millis", "2000"));
        return new LauncherOptions(kafka, dbUrl, dbUser, dbPassword, port, demo, changeMillis);
    }

    static String usage() {
        return """
                Daichō all-in-one: embedded Kafka and PostgreSQL, a demo source database, and every service.

                  java -jar services/app/target/daicho-app.jar [options]

                  --kafka=HOST:PORT        use this Kafka instead of the embedded one   (env KAFKA_BOOTSTRAP_SERVERS)
                  --db-url=JDBC_URL        use this PostgreSQL for Daichō's database    (env DAICHO_DB_URL)
                  --db-user=NAME           its user (default daicho)                    (env DAICHO_DB_USER)
                  --db-password=SECRET     its password                                 (env DAICHO_DB_PASSWORD)
                  --http-port=8080         the REST API's port                          (env DAICHO_HTTP_PORT)
                  --demo=true|false        create and stream the demo source database (default: true when embedded)
                  --demo-change-millis=2000  pause between two demo changes
                """;
    }
}
