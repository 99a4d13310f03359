package jp.daicho.embedded;

import java.nio.file.Path;

/** A run that starts PostgreSQL on a directory, says so, and waits to be killed (for {@link EmbeddedPersistenceIT}). */
public final class KilledRun {

    private KilledRun() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres.start(Path.of(args[0]));
        System.out.println("ready");
        System.out.flush();
        Thread.currentThread().join();
    }
}
