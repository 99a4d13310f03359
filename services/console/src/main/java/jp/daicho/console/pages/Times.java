package jp.daicho.console.pages;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/** Times on screens, in Asia/Tokyo: {@code ${@times.tokyo(value)}} in templates, for an API's ISO-8601 instant. */
@Component("times")
public class Times {

    private static final DateTimeFormatter TOKYO = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'JST'")
            .withZone(ZoneId.of("Asia/Tokyo"));

    public String tokyo(Object instant) {
        if (instant == null) {
            return "";
        }
        try {
            return TOKYO.format(Instant.parse(instant.toString()));
        } catch (java.time.DateTimeException e) {
            return instant.toString();
        }
    }
}
