package jp.daicho.console.pages;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * Times and dates on screens, in Asia/Tokyo, as the ledger's exports write them: {@code ${@times.tokyo(value)}}
 * ({@code 2026-12-03 00:39:49 JST}) for an instant, {@code ${@times.date(value)}} ({@code 2026-09-02}) for a date.
 */
@Component("times")
public class Times {

    static final ZoneId TOKYO_ZONE = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter TOKYO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'JST'")
            .withZone(TOKYO_ZONE);

    /** An instant as Tokyo time; nothing for none. */
    public String tokyo(Instant instant) {
        return instant == null ? "" : TOKYO.format(instant);
    }

    /** A date as {@code yyyy-MM-dd}; nothing for none. */
    public String date(LocalDate date) {
        return date == null ? "" : date.toString();
    }
}
