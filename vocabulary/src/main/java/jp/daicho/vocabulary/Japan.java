package jp.daicho.vocabulary;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Japan's clock: the days the law and the policy count in (a request received, a policy taking effect, a file's date)
 * are Japan's, whatever zone the server runs in.
 */
public final class Japan {

    public static final ZoneId ZONE = ZoneId.of("Asia/Tokyo");

    private Japan() {
    }

    /** Today in Japan. */
    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }
}
