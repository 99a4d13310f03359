package jp.daicho.ledger.recording;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The pipelines registered in the inventory, as {@code PipelineRegistered} told the ledger. */
@Repository
public class KnownPipelines {

    private final JdbcClient jdbc;

    KnownPipelines(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the latest registration of a pipeline (the topic is compacted and may repeat it). */
    public void on(KnownPipeline p) {
        Counterparty r = p.recipient();
        jdbc.sql("""
                insert into known_pipeline (id, name, legal_basis, legal_exception_item, record_mode, country, cross_border_basis,
                    recipient_name, recipient_kind, recipient_address, recipient_representative, recipient_country,
                    data_items, registered_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set name = excluded.name, legal_basis = excluded.legal_basis,
                    legal_exception_item = excluded.legal_exception_item, record_mode = excluded.record_mode,
                    country = excluded.country, cross_border_basis = excluded.cross_border_basis,
                    recipient_name = excluded.recipient_name, recipient_kind = excluded.recipient_kind,
                    recipient_address = excluded.recipient_address, recipient_representative = excluded.recipient_representative,
                    recipient_country = excluded.recipient_country, data_items = excluded.data_items,
                    registered_at = excluded.registered_at
                where known_pipeline.registered_at <= excluded.registered_at
                """).params(p.id(), p.name(), p.legalBasis(), p.legalExceptionItem(), p.recordMode(), p.country(),
                        p.crossBorderBasis(), r == null ? null : r.name(), r == null ? null : r.kind(),
                        r == null ? null : r.address(), r == null ? null : r.representative(), r == null ? null : r.country(),
                        p.dataItems().toArray(String[]::new), Timestamp.from(p.registeredAt()))
                .update();
    }

    /** The DPO retired the pipeline; the topic is compacted and may tell it again. */
    public void retired(String id, Instant since, String reason, String request) {
        jdbc.sql("insert into pipeline_retirement (pipeline_id, since, reason, request_id) values (?, ?, ?, ?) on conflict do nothing")
                .params(id, Timestamp.from(since), reason, request).update();
    }

    Map<String, KnownPipeline> find(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbc.sql("""
                select k.*, r.since as retired_at from known_pipeline k
                left join pipeline_retirement r on r.pipeline_id = k.id where k.id = any(?)
                """).param(ids.toArray(String[]::new))
                .query((rs, n) -> new KnownPipeline(rs.getString("id"), rs.getString("name"), rs.getString("legal_basis"),
                        rs.getString("legal_exception_item"), rs.getString("record_mode"), rs.getString("country"),
                        rs.getString("cross_border_basis"),
                        rs.getString("recipient_name") == null ? null : new Counterparty(rs.getString("recipient_name"),
                                rs.getString("recipient_kind"), rs.getString("recipient_address"),
                                rs.getString("recipient_representative"), rs.getString("recipient_country")),
                        List.copyOf(Arrays.asList((String[]) rs.getArray("data_items").getArray())),
                        rs.getTimestamp("registered_at").toInstant(),
                        rs.getTimestamp("retired_at") == null ? null : rs.getTimestamp("retired_at").toInstant()))
                .list().stream().collect(Collectors.toMap(KnownPipeline::id, Function.identity()));
    }
}
