package jp.daicho.capture.engine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import jp.daicho.capture.offsets.StoredOffsets;
import jp.daicho.capture.source.CaptureProperties;

/**
 * Before a PostgreSQL source's engine starts: is the replication slot still the one capture's stored position was
 * read from? When it is gone (dropped, or invalidated by {@code max_slot_wal_keep_size}) or was created anew after that
 * position, the changes in between are lost to logical decoding, and Debezium would otherwise stream on from a new
 * slot as if nothing were missing. Then capture refuses ({@link Refused}, shown as the source's problem) unless the
 * source allows a re-snapshot ({@link CaptureProperties.SlotLost#RESNAPSHOT}): the stored position is forgotten, a lost
 * slot dropped, and the engine starts as a first one does. Debezium's own check ({@code offset.mismatch.strategy=
 * trust_offset}) stops an engine whose slot is replaced while it runs; this check then explains it at the restart.
 */
final class SlotCheck {

    private static final Logger log = LoggerFactory.getLogger(SlotCheck.class);
    private static final DateTimeFormatter TOKYO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'JST'")
            .withZone(ZoneId.of("Asia/Tokyo"));

    /** Capture will not start this source's engine; the message says why and how to allow it, never a value. */
    static final class Refused extends RuntimeException {
        Refused(String problem) {
            super(problem, null, false, false);
        }
    }

    /** The slot as {@code pg_replication_slots} shows it. */
    record Slot(long confirmedFlushLsn, boolean lost, Integer activePid) {
    }

    private SlotCheck() {
    }

    /**
     * @param index    the source's index under {@code daicho.capture.sources}, to name the setting that allows a re-snapshot
     * @param engine   the engine's configuration: its slot, its name and where its offsets are kept
     * @param thorough   also when the slot is there, compare it with the stored position (after the engine failed: a
     *                   slot replaced while it ran); otherwise a slot that is there and not lost is taken as it is
     * @param connection to the source, open
     * @throws Refused when the source's changes since its position are lost and it does not allow a re-snapshot
     */
    static void before(CaptureProperties.Source source, int index, Properties engine, boolean thorough,
                       Connection connection) {
        if (source.kind().binlog()) {
            return; // the binary log's own position: Debezium's MySQL connector refuses a purged one by itself
        }
        String name = engine.getProperty("slot.name");
        Slot slot;
        try {
            slot = slot(connection, name);
        } catch (SQLException e) {
            return; // the catalog reader says what is wrong, and the engine fails on it by itself
        }
        if (slot != null && !slot.lost() && !thorough) {
            return;
        }
        Map<String, Object> position = StoredOffsets.read(engine, partition(source));
        if (position == null) {
            return; // never streamed: a first start creates the slot and takes the snapshot
        }
        long readTo = lsn(position);
        String gone = slot == null ? "is gone (dropped)"
                : slot.lost() ? "is lost (invalidated, as max_slot_wal_keep_size allows)"
                : slot.confirmedFlushLsn() > readTo ? "was made anew after capture's last position" : null;
        if (gone == null) {
            return;
        }
        String where = source.host() + ":" + source.port() + "/" + source.database();
        String since = "since capture's last position (LSN " + lsnText(readTo) + lastChange(position) + ")";
        if (source.whenSlotLost() != CaptureProperties.SlotLost.RESNAPSHOT) {
            throw new Refused("the replication slot " + name + " on " + where + " " + gone + ": changes made " + since
                    + " were not captured, and capture does not stream on as if they had been. To read every table afresh "
                    + "(a new snapshot; the inventory keeps its history), set daicho.capture.sources[" + index
                    + "].when-slot-lost=resnapshot (bin/daicho: &when-slot-lost=resnapshot on the source's --source URL) and "
                    + "restart capture (docs/operations.md, 'A replication slot lost')");
        }
        if (slot != null) {
            if (slot.activePid() != null) {
                throw new Refused("the replication slot " + name + " on " + where + " " + gone + ", and is in use by another "
                        + "connection (backend " + slot.activePid() + "): capture re-snapshots only from a slot of its own; "
                        + "stop the other reader of " + name + " (another capture of this source?)");
            }
            drop(connection, name);
        }
        StoredOffsets.forget(engine, partition(source));
        log.warn("Source '{}': the replication slot {} {}; changes made {} were not captured. Re-snapshotting every table "
                + "from a new slot, as the source allows (when-slot-lost=resnapshot)", source.name(), name, gone, since);
    }

    /** The slot of that name in the source's database, or null when there is none. */
    static Slot slot(Connection connection, String name) throws SQLException {
        boolean walStatus = connection.getMetaData().getDatabaseMajorVersion() >= 13;
        try (var statement = connection.prepareStatement("select (confirmed_flush_lsn - '0/0')::bigint, "
                + (walStatus ? "wal_status = 'lost'" : "false") + ", active_pid from pg_replication_slots"
                + " where slot_name = ? and database = current_database()")) {
            statement.setString(1, name);
            try (var rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                long confirmed = rs.getLong(1);
                boolean lost = rs.getBoolean(2);
                int pid = rs.getInt(3);
                return new Slot(confirmed, lost, rs.wasNull() ? null : pid);
            }
        }
    }

    private static void drop(Connection connection, String name) {
        try (var statement = connection.prepareStatement("select pg_drop_replication_slot(?)")) {
            statement.setString(1, name);
            statement.execute();
        } catch (SQLException e) {
            throw new Refused("the replication slot " + name + " is lost and could not be dropped for the re-snapshot (SQL "
                    + "state " + e.getSQLState() + "): drop it by hand, SELECT pg_drop_replication_slot('" + name + "');");
        }
    }

    /** The partition Debezium's PostgreSQL connector keeps a source's position under. */
    static Map<String, Object> partition(CaptureProperties.Source source) {
        return Map.of("server", source.name());
    }

    /** The furthest LSN the stored position records as read. */
    static long lsn(Map<String, Object> position) {
        long lsn = 0;
        for (String key : new String[] {"lsn", "lsn_commit", "lsn_proc"}) {
            if (position.get(key) instanceof Number n) {
                lsn = Math.max(lsn, n.longValue());
            }
        }
        return lsn;
    }

    /** PostgreSQL's spelling of an LSN: {@code 0/1A2B3C4}. */
    static String lsnText(long lsn) {
        return Long.toHexString(lsn >>> 32).toUpperCase(java.util.Locale.ROOT) + "/"
                + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase(java.util.Locale.ROOT);
    }

    private static String lastChange(Map<String, Object> position) {
        return position.get("ts_usec") instanceof Number micros
                ? ", last change " + TOKYO.format(Instant.EPOCH.plusNanos(micros.longValue() * 1000)) : "";
    }
}
