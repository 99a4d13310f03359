package jp.daicho.console.pages;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * Times and dates on screens, in Asia/Tokyo, as the ledger's exports write them: {@code ${@times.tokyo(value)}}
 * ({@code 2026-12-03 00:39:49 JST}) for an instant, {@code ${@times.date(value)}} ({@code 2026-09-02}) for a plain date.
 * The APIs give instants as ISO-8601 ({@code 2026-12-02T15:39:49.244Z}, or with an offset) or epoch milliseconds, and
 * dates as {@code yyyy-MM-dd} or, from some database rows, as the instant of their midnight.
 */
@Component("times")
public class Times {

    static final ZoneId TOKYO_ZONE = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter TOKYO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'JST'")
            .withZone(TOKYO_ZONE);

    /** An instant as Tokyo time; a value that is no instant as it came. */
    public String tokyo(Object value) {
        if (value == null) {
            return "";
        }
        Instant instant = instant(value);
        return instant == null ? value.toString() : TOKYO.format(instant);
    }

    /** A date as {@code yyyy-MM-dd}: a plain date as it is, an instant as its date in Tokyo. */
    public String date(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (text.length() == 10) {
            try {
                return LocalDate.parse(text).toString();
            } catch (DateTimeException e) {
                return text;
            }
        }
        Instant instant = instant(value);
        return instant == null ? text : LocalDate.ofInstant(instant, TOKYO_ZONE).toString();
    }

    private static Instant instant(Object value) {
        if (value instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        String text = value.toString();
        try {
            return Instant.parse(text);
        } catch (DateTimeException notUtc) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeException notIso) {
                return null;
            }
        }
    }
}
