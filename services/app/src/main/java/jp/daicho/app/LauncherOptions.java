package jp.daicho.app;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jp.daicho.capture.source.CaptureProperties;

/**
 * The launcher's options: {@code --name=value} arguments, falling back to environment variables. Without
 * any, everything is embedded: Kafka, PostgreSQL and the demo source database.
 *
 * @param kafka      external bootstrap servers ({@code --kafka}, {@code KAFKA_BOOTSTRAP_SERVERS}); null = embedded
 * @param dbUrl      external JDBC URL of Daichō's database ({@code --db-url}, {@code DAICHO_DB_URL}); null = embedded
 * @param demo       create and stream the demo source database ({@code --demo}; default: when PostgreSQL is embedded)
 * @param changeMillis pause between two demo changes ({@code --demo-change-millis})
 * @param sources    the company's own databases to capture ({@code --source=NAME=jdbc:postgresql://…}, {@code jdbc:mysql://…}
 *                   or {@code jdbc:mariadb://…}, repeatable)
 * @param kafkaClient further properties of every Kafka client, from a Kafka client properties file
 *                   ({@code --kafka-config}, {@code DAICHO_KAFKA_CONFIG}): {@code security.protocol}, {@code sasl.*},
 *                   {@code ssl.*} for a Kafka that authenticates
 * @param dataDir    where the embedded servers keep their data and capture its offsets, across restarts
 *                   ({@code --data-dir}, {@code DAICHO_DATA_DIR}; default {@code ./daicho-data})
 * @param fresh      start over: empty the data directory first ({@code --fresh})
 */
record LauncherOptions(String kafka, String dbUrl, String dbUser, String dbPassword, int httpPort, boolean demo,
                       long changeMillis, List<SourceOption> sources, Map<String, String> kafkaClient, Path dataDir,
                       boolean fresh) {

    static final List<String> KNOWN = List.of("kafka", "kafka-config", "db-url", "db-user", "db-password", "http-port",
            "demo", "demo-change-millis", "source", "data-dir", "fresh", "help");

    /**
     * One {@code --source=NAME=jdbc:postgresql://HOST[:PORT]/DATABASE[?user=USER]} (or {@code jdbc:mysql://…},
     * {@code jdbc:mariadb://…}). The password comes from the environment ({@code DAICHO_SOURCE_<NAME>_PASSWORD}),
     * never from the command line, where {@code ps} shows it; the user may too ({@code DAICHO_SOURCE_<NAME>_USER}).
     */
    record SourceOption(String name, CaptureProperties.Kind kind, String host, int port, String database, String user,
                        String password, CaptureProperties.SlotLost whenSlotLost) {

        SourceOption(String name, CaptureProperties.Kind kind, String host, int port, String database, String user,
                     String password) {
            this(name, kind, host, port, database, user, password, CaptureProperties.SlotLost.STOP);
        }

        private static final String FORMS = "jdbc:postgresql://HOST[:PORT]/DATABASE[?user=USER], jdbc:mysql://… or jdbc:mariadb://…";

        static SourceOption parse(String value, Map<String, String> env) {
            int eq = value.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--source needs NAME=JDBC_URL, e.g. --source=shop=jdbc:postgresql://db.internal:5432/shop?user=daicho_capture");
            }
            String name = value.substring(0, eq);
            String url = value.substring(eq + 1);
            if (!name.matches("[A-Za-z0-9_\\-]+")) {
                throw new IllegalArgumentException("--source name '" + name + "': use letters, digits, '_' or '-' (it becomes the topic prefix)");
            }
            CaptureProperties.Kind kind;
            if (url.startsWith("jdbc:postgresql://")) {
                kind = CaptureProperties.Kind.POSTGRESQL;
            } else if (url.startsWith("jdbc:mysql://")) {
                kind = CaptureProperties.Kind.MYSQL;
            } else if (url.startsWith("jdbc:mariadb://")) {
                kind = CaptureProperties.Kind.MARIADB;
            } else {
                throw new IllegalArgumentException("--source " + name + ": '" + url.replaceAll("(?i)password=[^&]*", "password=****")
                        + "' is not a JDBC URL capture reads; write " + FORMS);
            }
            URI uri = URI.create(url.substring("jdbc:".length()));
            String envPrefix = "DAICHO_SOURCE_" + name.toUpperCase(java.util.Locale.ROOT).replace('-', '_') + "_";
            Map<String, String> query = new HashMap<>();
            if (uri.getRawQuery() != null) {
                for (String pair : uri.getRawQuery().split("&")) {
                    int at = pair.indexOf('=');
                    query.put(at < 0 ? pair : pair.substring(0, at),
                            at < 0 ? "" : java.net.URLDecoder.decode(pair.substring(at + 1), java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            if (query.containsKey("password")) {
                throw new IllegalArgumentException("--source " + name + ": put the password in the environment as " + envPrefix
                        + "PASSWORD, not in the URL (the command line is visible to every user of the machine)");
            }
            String database = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
            if (uri.getHost() == null || database.isBlank()) {
                throw new IllegalArgumentException("--source " + name + ": the URL needs a host and a database: " + FORMS);
            }
            String user = query.getOrDefault("user", env.get(envPrefix + "USER"));
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("--source " + name + ": say which user captures: ?user=NAME in the URL or "
                        + envPrefix + "USER in the environment");
            }
            String slotLost = query.getOrDefault("when-slot-lost", "stop");
            if (!slotLost.equals("stop") && !slotLost.equals("resnapshot")) {
                throw new IllegalArgumentException("--source " + name + ": when-slot-lost is 'stop' (the default: a lost "
                        + "replication slot stops capture) or 'resnapshot' (allows reading every table afresh), not '"
                        + slotLost + "'");
            }
            return new SourceOption(name, kind, uri.getHost(), uri.getPort() < 0 ? kind.defaultPort() : uri.getPort(), database,
                    user, env.getOrDefault(envPrefix + "PASSWORD", ""),
                    CaptureProperties.SlotLost.valueOf(slotLost.toUpperCase(java.util.Locale.ROOT)));
        }

        @Override
        public String toString() {
            return name + "=" + kind.displayName() + " " + user + "@" + host + ":" + port + "/" + database + " (password ****)";
        }
    }

    static LauncherOptions parse(String[] args, Map<String, String> env) {
        var given = new HashMap<String, String>();
        var sources = new java.util.ArrayList<SourceOption>();
        for (String arg : args) {
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument '" + arg + "'. Options look like --name=value; see --help.");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("Unknown option --" + name + ". Known: --" + String.join(", --", KNOWN));
            }
            if (name.equals("source")) {
                var source = SourceOption.parse(eq < 0 ? "" : arg.substring(eq + 1), env);
                if (sources.stream().anyMatch(o -> o.name().equals(source.name()))) {
                    throw new IllegalArgumentException("--source " + source.name() + " is given twice; each source needs a name of its own");
                }
                sources.add(source);
                continue;
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
        if (demo && sources.stream().anyMatch(o -> o.name().equals("demo"))) {
            throw new IllegalArgumentException("--source demo: the name 'demo' is the demo database's; choose another, or --demo=false");
        }
        String kafkaConfig = given.getOrDefault("kafka-config", env.get("DAICHO_KAFKA_CONFIG"));
        if (kafkaConfig != null && kafka == null) {
            throw new IllegalArgumentException("--kafka-config " + kafkaConfig + " is for your own Kafka: give its servers too "
                    + "(--kafka=HOST:PORT or KAFKA_BOOTSTRAP_SERVERS); the embedded Kafka needs no client settings");
        }
        String dataDir = given.getOrDefault("data-dir", env.getOrDefault("DAICHO_DATA_DIR", "daicho-data"));
        if (dataDir.isBlank() || dataDir.equals("true")) {
            throw new IllegalArgumentException("--data-dir needs a directory, e.g. --data-dir=/var/lib/daicho");
        }
        return new LauncherOptions(kafka, dbUrl, dbUser, dbPassword, port, demo, changeMillis, List.copyOf(sources),
                kafkaConfig == null ? Map.of() : kafkaClient(java.nio.file.Path.of(kafkaConfig)), path("--data-dir", dataDir),
                Boolean.parseBoolean(given.getOrDefault("fresh", "false")));
    }

    /** A path given by the user; one the JVM cannot write as a file name is said so, with the fix. */
    static Path path(String option, String value) {
        try {
            return Path.of(value);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException(option + " " + value + ": this JVM cannot write that file name (its file-name "
                    + "encoding is " + System.getProperty("sun.jnu.encoding") + "); run with a UTF-8 locale (LANG=C.UTF-8) "
                    + "or choose a path in ASCII");
        }
    }

    /** Every property of a Kafka client properties file but the bootstrap servers, which {@code --kafka} gives. */
    static Map<String, String> kafkaClient(java.nio.file.Path file) {
        var properties = new java.util.Properties();
        try (var in = java.nio.file.Files.newBufferedReader(file, java.nio.charset.StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException("--kafka-config " + file + ": no such file; write the client settings there "
                    + "(security.protocol=SASL_SSL, sasl.mechanism=…, sasl.jaas.config=…), one per line");
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--kafka-config " + file + " cannot be read as a properties file: "
                    + e.getClass().getSimpleName());
        }
        var client = new java.util.TreeMap<String, String>();
        properties.stringPropertyNames().forEach(name -> client.put(name, properties.getProperty(name)));
        client.remove("bootstrap.servers");
        return Map.copyOf(client);
    }

    static String usage() {
        return """
                Daichō all-in-one: embedded Kafka and PostgreSQL, a demo source database, and every service.

                  java -jar services/app/target/daicho-app.jar [options]

                  --kafka=HOST:PORT        use this Kafka instead of the embedded one   (env KAFKA_BOOTSTRAP_SERVERS)
                  --kafka-config=FILE      its client settings, a Kafka client properties file (security.protocol,
                                           sasl.*, ssl.*) for a Kafka that authenticates  (env DAICHO_KAFKA_CONFIG)
                  --db-url=JDBC_URL        use this PostgreSQL for Daichō's database    (env DAICHO_DB_URL)
                  --db-user=NAME           its user (default daicho)                    (env DAICHO_DB_USER)
                  --db-password=SECRET     its password                                 (env DAICHO_DB_PASSWORD)
                  --http-port=8080         the REST API's port                          (env DAICHO_HTTP_PORT)
                  --data-dir=DIR           where the embedded Kafka and PostgreSQL keep their data and capture its
                                           offsets; a restart resumes from it (default ./daicho-data)
                                                                                        (env DAICHO_DATA_DIR)
                  --fresh                  start over: empty the data directory first (reviews, pipelines, parties
                                           and ledger records in it are gone)
                  --demo=true|false        create and stream the demo source database (default: true when embedded)
                  --demo-change-millis=2000  pause between two demo changes
                  --source=NAME=jdbc:postgresql://HOST[:PORT]/DATABASE?user=USER
                  --source=NAME=jdbc:mysql://HOST[:PORT]/DATABASE?user=USER   (or jdbc:mariadb://…)
                                           capture your own database too (repeatable); its password from
                                           the environment: DAICHO_SOURCE_<NAME>_PASSWORD (never on the command line);
                                           &when-slot-lost=resnapshot allows a re-snapshot after its replication slot
                                           was lost (default: capture stops and says so)
                """;
    }
}
