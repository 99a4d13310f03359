package jp.daicho.ledger.recording;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The persons whose request to stop provision to third parties (APPI Art. 35(3)/(5)) the company answered, by the
 * pseudonym their records are filed under: a later provision of their data on consent or by opt-out is refused.
 */
@Repository
public class ProvisionStops {

    /** The request that stopped a person's provision, and since when. */
    public record Stop(String requestId, Instant since) {
    }

    private final JdbcClient jdbc;

    ProvisionStops(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether a request of this kind, in this state, stops the person's provision: a stop request the company granted. */
    public static boolean stops(String kind, String status) {
        return "STOP_PROVISION".equals(kind) && "ANSWERED".equals(status);
    }

    /** Remembers a stop; the compacted topic may tell it again. */
    public void stopped(String requestId, String pseudonym, Instant since) {
        jdbc.sql("insert into provision_stop (request_id, subject_pseudonym, since) values (?, ?, ?) on conflict do nothing")
                .params(requestId, pseudonym, Timestamp.from(since)).update();
    }

    /** The earliest stop of each of these persons that has one. */
    Map<String, Stop> of(Collection<String> pseudonyms) {
        var stops = new HashMap<String, Stop>();
        if (pseudonyms.isEmpty()) {
            return stops;
        }
        jdbc.sql("select subject_pseudonym, request_id, since from provision_stop where subject_pseudonym = any(?) order by since desc")
                .param(pseudonyms.toArray(String[]::new))
                .query(rs -> {
                    stops.put(rs.getString(1), new Stop(rs.getString(2), rs.getTimestamp(3).toInstant()));
                });
        return stops;
    }
}
