package jp.daicho.inventory.status;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** One-call summary of the inventory and of each source's capture, for the CLI's {@code status} and for dashboards. */
@RestController
class StatusController {

    record Status(String service, long systems, long datasets, long fields, long personalFields, long sensitiveFields,
                  Instant lastObservedAt, List<SourceStatuses.Source> sources) {
    }

    private final JdbcClient jdbc;
    private final SourceStatuses sources;

    StatusController(JdbcClient jdbc, SourceStatuses sources) {
        this.jdbc = jdbc;
        this.sources = sources;
    }

    @GetMapping("/api/status")
    Status status() {
        // The sources first, on their own: not a second query (and connection) from inside the first one's row mapper.
        List<SourceStatuses.Source> sourceList = sources.list(Instant.now());
        return jdbc.sql("""
                select (select count(distinct system_name) from dataset),
                       (select count(*) from dataset),
                       (select count(*) from field where present),
                       (select count(*) from field f join field_classification c
                          on c.dataset_id = f.dataset_id and c.field_name = f.name where f.present and c.item <> 'none'),
                       (select count(*) from field f join field_classification c
                          on c.dataset_id = f.dataset_id and c.field_name = f.name where f.present and c.sensitive),
                       (select max(last_seen_at) from dataset)
                """).query((rs, n) -> new Status("daicho-inventory", rs.getLong(1), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getLong(5), rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant(),
                        sourceList))
                .single();
    }
}
