package jp.daicho.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Usage and connection errors; the commands against a real inventory are covered by the app's EndToEndIT. */
class DaichoTest {

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Daicho cli = new Daicho(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void anUnknownCommandIsAUsageError() {
        assertThat(cli.run(new String[] {"frobnicate"}, null)).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown command 'frobnicate'", "usage: daicho");
    }

    @Test
    void aChangeNamesThePipelineByTheManifestsTopLevelId() throws Exception {
        assertThat(Daicho.manifestId("name: x\nid: member-mail   # the pipeline\nsource: []\n")).isEqualTo("member-mail");
        assertThat(Daicho.manifestId("id: \"会員-mail\"\n")).isEqualTo("会員-mail");
        assertThat(Daicho.manifestId("source:\n  - id: nested\n")).isEmpty();
        var manifest = java.nio.file.Files.createTempFile("no-id", ".yml");
        java.nio.file.Files.writeString(manifest, "name: no id\n");
        assertThat(cli.run(new String[] {"pipeline", "change", manifest.toString()}, "http://localhost:1")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no top-level id");
    }

    @Test
    void anUnreachableServerSaysWhereItLookedAndHowToFix() throws Exception {
        int freePort;
        try (var socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        assertThat(cli.run(new String[] {"status"}, "http://localhost:" + freePort)).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("not reachable at http://localhost:" + freePort, "DAICHO_URL");
    }
}
