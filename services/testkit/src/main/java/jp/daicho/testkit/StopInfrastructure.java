package jp.daicho.testkit;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Stops the embedded Kafka, PostgreSQL and MariaDB when the test run ends, while the test JVM is still running
 * normally: a broker's controlled shutdown racing the JVM's own exit made the test process end with an
 * error after every test had passed.
 */
public final class StopInfrastructure implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        EmbeddedInfrastructure.stop();
        SharedMariaDb.stop();
    }
}
