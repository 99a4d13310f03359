package jp.daicho.capture.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.daicho.capture.source.CaptureProperties;
import jp.daicho.events.catalog.SourceState;

class SourceStatusTest {

    final CaptureProperties.Source source = new CaptureProperties.Source("shop", CaptureProperties.Kind.POSTGRESQL,
            "db.internal", 0, "shop", "capture", "secret", "", "initial", Map.of(), CaptureProperties.SlotLost.STOP);

    @Test
    void theCatalogsProblemExplainsMoreThanTheConnectorsFailure() {
        var status = SourceStatus.of(source, SourceStatus.State.STARTING, "the connector stopped with PSQLException",
                "PostgreSQL refused the credentials of capture@db.internal:5432/shop (SQL state 28P01): …", 0, 0, 0);
        assertThat(status.state()).isEqualTo(SourceStatus.State.FAILING);
        assertThat(status.problem()).startsWith("PostgreSQL refused the credentials");

        var engineOnly = SourceStatus.of(source, SourceStatus.State.FAILING, "the connector stopped with PSQLException", null, 3, 1, 0);
        assertThat(engineOnly.problem()).isEqualTo("the connector stopped with PSQLException; the capture service's log says more");
    }

    @Test
    void aStreamingSourceWithAProblemStillStreamsAndSaysSo() {
        var status = SourceStatus.of(source, SourceStatus.State.STREAMING, null, "binlog_row_image is 'MINIMAL' …", 7, 1, 2);
        assertThat(status.state()).isEqualTo(SourceStatus.State.STREAMING);
        assertThat(status.problem()).contains("binlog_row_image");
    }

    @Test
    void onlyWhatAnOperatorWouldSeeCountsAsAChange() {
        var a = SourceStatus.of(source, SourceStatus.State.STREAMING, null, null, 7, 1_000, 2_000);
        var laterTimes = SourceStatus.of(source, SourceStatus.State.STREAMING, null, null, 7, 5_000, 9_000);
        var newTable = SourceStatus.of(source, SourceStatus.State.STREAMING, null, null, 8, 5_000, 9_000);
        assertThat(a.sameAs(laterTimes)).isTrue();
        assertThat(a.sameAs(newTable)).isFalse();
        assertThat(a.sameAs(null)).isFalse();
        var beforeAnyChange = SourceStatus.of(source, SourceStatus.State.STREAMING, null, null, 7, 1_000, 0);
        assertThat(beforeAnyChange.sameAs(a)).as("the first change event is reported at once").isFalse();
    }

    @Test
    void theEventNamesTheEndpointButNeverThePassword() {
        var event = SourceStatus.of(source, SourceStatus.State.STREAMING, null, null, 7, 0, 2_000).event(Instant.EPOCH);
        assertThat(event.getEndpoint()).isEqualTo("capture@db.internal:5432/shop");
        assertThat(event.toString()).doesNotContain("secret");
        assertThat(event.getState()).isEqualTo(SourceState.STREAMING);
        assertThat(event.getKind()).isEqualTo("postgresql");
        assertThat(event.getCatalogReadAt()).isNull();
        assertThat(event.getLastChangeAt()).isEqualTo(Instant.ofEpochMilli(2_000));
    }

    @Test
    void aSourceThatKeepsFailingIsRestartedLessAndLessOften() {
        Duration first = Duration.ofSeconds(5);
        assertThat(SourceCapture.backoff(first, 0)).isEqualTo(first);
        assertThat(SourceCapture.backoff(first, 1)).isEqualTo(first);
        assertThat(SourceCapture.backoff(first, 2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(SourceCapture.backoff(first, 4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(SourceCapture.backoff(first, 7)).isEqualTo(SourceCapture.MAX_BACKOFF);
        assertThat(SourceCapture.backoff(first, 1_000)).isEqualTo(SourceCapture.MAX_BACKOFF);
    }
}
