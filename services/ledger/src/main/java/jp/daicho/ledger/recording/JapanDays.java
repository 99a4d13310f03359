package jp.daicho.ledger.recording;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;

/** Dates in requests are days in Japan: a period runs from the start of its first day to the end of its last. */
public final class JapanDays {

    public static final ZoneId JAPAN = jp.daicho.vocabulary.Japan.ZONE;

    private JapanDays() {
    }

    /** The start of {@code day} in Japan, or null for no bound. */
    public static Timestamp start(LocalDate day) {
        return day == null ? null : Timestamp.from(day.atStartOfDay(JAPAN).toInstant());
    }

    /** The end of {@code day} in Japan (the start of the next), or null for no bound. */
    public static Timestamp end(LocalDate day) {
        return day == null ? null : Timestamp.from(day.plusDays(1).atStartOfDay(JAPAN).toInstant());
    }
}
