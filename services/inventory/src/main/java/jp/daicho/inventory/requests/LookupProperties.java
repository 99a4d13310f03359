package jp.daicho.inventory.requests;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code daicho.requests.lookup.*}: how the inventory reaches the captured databases for a live lookup of a person's rows
 * (docs/requests.md). Give each source a database user that may only read (SELECT on the captured tables): the lookup
 * opens its connection read-only too, and stores or logs nothing it reads.
 *
 * @param sources the captured systems it may look in; a system not listed is reported as not looked in
 * @param timeout how long one table's count may take before it is reported as timed out
 */
@ConfigurationProperties("daicho.requests.lookup")
public record LookupProperties(@DefaultValue List<Source> sources, @DefaultValue("5s") Duration timeout) {

    /**
     * @param system the system's name, as its datasets are named ({@code <system>.<schema>.<table>}): the capture source
     * @param url    JDBC URL: {@code jdbc:postgresql://…}, or {@code jdbc:mysql://…} for MySQL and MariaDB
     */
    public record Source(String system, String url, String username, String password) {
    }
}
