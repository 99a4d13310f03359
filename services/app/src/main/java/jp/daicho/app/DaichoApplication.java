package jp.daicho.app;

import java.util.ArrayList;
import java.util.List;

/**
 * All-in-one launcher ({@link Launcher}): the embedded infrastructure (unless told to use real servers) keeping its
 * data in the data directory, the demo source database with its stream of changes, and every service; prints where
 * to look once the demo tables are in the inventory. Ctrl-C stops everything.
 */
public final class DaichoApplication {

    /** The launcher's logging: what matters to whoever runs it (tests keep every library's INFO lines). */
    static final String LOGGING = "daicho-launcher-logback.xml";

    public static void main(String[] args) throws Exception {
        // Before anything logs: the embedded servers start before any Spring context, which then reads the same file.
        if (System.getProperty("logback.configurationFile") == null && System.getProperty("logging.config") == null) {
            System.setProperty("logback.configurationFile", LOGGING);
            org.slf4j.LoggerFactory.getLogger(DaichoApplication.class); // logback reads it now
            // Spring Boot reads its own property, and warns about logback's.
            System.clearProperty("logback.configurationFile");
            System.setProperty("logging.config", "classpath:" + LOGGING);
        }
        LauncherOptions options;
        try {
            options = LauncherOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("daicho-app: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options == null) {
            System.out.print(LauncherOptions.usage());
            return;
        }
        Launcher launcher;
        try {
            launcher = Launcher.start(options);
        } catch (IllegalStateException e) {
            // A data directory in use, not Daichō's or newer, a server that would not start: said, nothing left running.
            System.err.println("daicho-app: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::close, "daicho-stop"));
        System.out.println(launcher.banner());
        Thread.currentThread().join();
    }

    static String banner(String console, String api, String ledger, String kafka, boolean kafkaEmbedded, String dbUrl, String dbUser,
                         String demoUrl, String dataDir, boolean resumed) {
        var lines = new ArrayList<>(List.of(
                "",
                "  Daichō is running.",
                "    Console         " + console + "  (日本語 / English; sign in as below)",
                "    Datasets        " + api + "/api/datasets",
                "    Personal fields " + api + "/api/fields?item=email",
                "    Status          " + api + "/api/status",
                "    Ledger (Art.29) " + ledger + "/api/records/status  (exports: auditor, dpo)",
                "    Users           dpo/dpo, engineer/engineer, auditor/auditor, admin/admin  (demo only)",
                "    CLI             DAICHO_URL=" + api + " DAICHO_USER=dpo DAICHO_PASSWORD=dpo bin/daicho status",
                "    Kafka           " + kafka + (kafkaEmbedded ? "  (embedded)" : ""),
                "    Daichō DB       " + dbUrl + "  (user " + dbUser + ")"));
        if (demoUrl != null) {
            lines.add("    Demo source DB  " + demoUrl + "  (user postgres; changes every few seconds)");
        }
        lines.add("    Data            " + dataDir + (resumed ? "  (resumed; --fresh starts over)" : "  (kept across restarts)"));
        lines.add("  Stop with Ctrl-C.");
        lines.add("");
        return String.join(System.lineSeparator(), lines);
    }

    private DaichoApplication() {
    }
}
