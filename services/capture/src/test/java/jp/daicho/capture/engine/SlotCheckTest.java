package jp.daicho.capture.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import jp.daicho.capture.source.CaptureProperties;

/** The pure parts of the replication-slot check; the check itself runs on a real PostgreSQL in CaptureIT. */
class SlotCheckTest {

    @Test
    void anLsnIsSpelledAsPostgreSqlSpellsIt() {
        assertThat(SlotCheck.lsnText(0x1914CD0L)).isEqualTo("0/1914CD0");
        assertThat(SlotCheck.lsnText((0x2AL << 32) | 0xFFL)).isEqualTo("2A/FF");
    }

    @Test
    void thePositionReadToIsTheFurthestLsnTheOffsetRecords() {
        assertThat(SlotCheck.lsn(Map.of("lsn", 100L, "lsn_commit", 90L, "lsn_proc", 120L, "txId", 7L))).isEqualTo(120);
        assertThat(SlotCheck.lsn(Map.of("lsn", 100))).isEqualTo(100);
        assertThat(SlotCheck.lsn(Map.of("snapshot", true))).isZero();
    }

    @Test
    void binlogSourcesAreLeftToTheirConnector() {
        var mysql = new CaptureProperties.Source("shop", CaptureProperties.Kind.MYSQL, "db.example.jp", 0, "ec_cube",
                "capture", "secret", "", "initial", Map.of(), CaptureProperties.SlotLost.STOP);
        // no connection is tried: a binary-log source has no slot
        SlotCheck.before(mysql, 0, new java.util.Properties(), true, null);
        assertThat(SlotCheck.partition(mysql)).isEqualTo(Map.of("server", "shop"));
    }
}
