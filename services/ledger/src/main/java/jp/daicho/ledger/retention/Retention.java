package jp.daicho.ledger.retention;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * How long a record is kept (PPC Rules Art. 21 and 25), the one rule the exports print and the purge applies: until
 * the end of the day, in Japan, that lies its retention years after its provision (for a batch or a contract standing in
 * for the record, after the last provision of its group). It is removed only once that day is over in Japan, so no
 * record leaves before the date its export says it is kept until.
 */
public final class Retention {

    public static final ZoneId JAPAN = jp.daicho.vocabulary.Japan.ZONE;

    /**
     * The same rule in SQL, for the purge's query: the instant the record may go, from the provision's timestamp
     * expression {@code from} and the years expression {@code years}.
     */
    public static String mayGoAfterSql(String from, String years) {
        return "((date_trunc('day', " + from + " at time zone 'Asia/Tokyo') + make_interval(years => " + years
                + ") + interval '1 day') at time zone 'Asia/Tokyo')";
    }

    private Retention() {
    }

    /** The last day the record is kept: in Japan, the day of {@code from} plus {@code years}. */
    public static LocalDate keptUntil(Instant from, int years) {
        return keptUntil(LocalDate.ofInstant(from, JAPAN).toEpochDay(), years);
    }

    /** {@link #keptUntil(Instant, int)} from the epoch day of the provision in Japan (for the exports' fast path). */
    public static LocalDate keptUntil(long japanEpochDay, int years) {
        return LocalDate.ofEpochDay(japanEpochDay).plusYears(years);
    }

    /** Whether the record may be removed at {@code now}: the day it is kept until is over in Japan. */
    public static boolean mayGo(Instant from, int years, Instant now) {
        return !now.isBefore(keptUntil(from, years).plusDays(1).atStartOfDay(JAPAN).toInstant());
    }
}
