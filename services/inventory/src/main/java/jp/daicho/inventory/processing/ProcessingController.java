package jp.daicho.inventory.processing;

import java.security.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jp.daicho.vocabulary.Words;
import jp.daicho.web.Rejected;

/**
 * Datasets held on behalf of a client (the company as processor): {@code PUT} records who entrusted a dataset, the
 * instructions, what happens at the end (returned or deleted), the contract and its end; {@code DELETE} says it is no
 * longer held for anyone. Each change checks the pipelines reading it again ({@link ProcessingChanged}).
 */
@RestController
@RequestMapping("/api")
class ProcessingController {

    /** What happens to the data when the entrustment ends. */
    public enum AtEnd { RETURN, DELETE }

    /** A dataset held for a client: {@code entruster} a party's id. */
    public record HeldFor(String datasetId, String entruster, String instructions, AtEnd atEnd, String contractReference,
                          LocalDate endsOn, Instant updatedAt, String updatedBy) {
    }

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    ProcessingController(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Every dataset held for a client. */
    @GetMapping("/processing")
    List<HeldFor> all() {
        return jdbc.sql("select * from processing_for order by dataset_id").query(ProcessingController::heldFor).list();
    }

    @GetMapping("/datasets/{dataset}/processing")
    HeldFor one(@PathVariable String dataset) {
        return jdbc.sql("select * from processing_for where dataset_id = ?").param(dataset).query(ProcessingController::heldFor)
                .optional().orElseThrow(() -> new Rejected(HttpStatus.NOT_FOUND, "データセット '" + dataset
                        + "' は委託元のために預かっているものとして記録されていません（自社のデータです）。",
                        "Dataset '" + dataset + "' is not recorded as held for a client (it is our own data)."));
    }

    @PutMapping("/datasets/{dataset}/processing")
    @Transactional
    HeldFor record(@PathVariable String dataset, @RequestBody HeldFor held, Principal who) {
        if (jdbc.sql("select count(*) from dataset where id = ?").param(dataset).query(Integer.class).single() == 0) {
            throw new Rejected(HttpStatus.NOT_FOUND, "データセット '" + dataset + "' は台帳にありません。一覧は GET /api/datasets です。",
                    "No dataset '" + dataset + "'. GET /api/datasets lists the known ids.");
        }
        var problems = new ArrayList<Words>();
        if (held == null || held.entruster() == null || jdbc.sql("select count(*) from party where id = ?")
                .param(held.entruster()).query(Integer.class).single() == 0) {
            problems.add(new Words("entruster（委託元）には登録された提供先・委託先の id を指定してください（先に POST /api/parties）",
                    "entruster must be a registered party's id (POST /api/parties first)"));
        }
        if (held == null || held.instructions() == null || held.instructions().isBlank()) {
            problems.add(new Words("instructions（委託元の指示: 取扱いの範囲と方法）がありません",
                    "instructions (the client's: what may be done with the data, and how) are missing"));
        } else if (held.instructions().length() > 4000) {
            problems.add(new Words("instructions が4000文字を超えています", "instructions are longer than 4000 characters"));
        }
        if (held == null || held.atEnd() == null) {
            problems.add(new Words("atEnd（終了時の扱い）がありません: RETURN（返却）又は DELETE（削除）",
                    "atEnd is missing: RETURN or DELETE, what happens to the data when the entrustment ends"));
        }
        Rejected.ifAny(problems);
        jdbc.sql("""
                insert into processing_for (dataset_id, entruster, instructions, at_end, contract_reference, ends_on, updated_at,
                                            updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (dataset_id) do update set entruster = excluded.entruster, instructions = excluded.instructions,
                    at_end = excluded.at_end, contract_reference = excluded.contract_reference, ends_on = excluded.ends_on,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """).params(dataset, held.entruster(), held.instructions().strip(), held.atEnd().name(),
                        held.contractReference() == null || held.contractReference().isBlank() ? null : held.contractReference().strip(),
                        held.endsOn(), Timestamp.from(Instant.now()), who.getName())
                .update();
        events.publishEvent(new ProcessingChanged(dataset));
        return one(dataset);
    }

    /** The end of holding a dataset for a client: for whom it was held, when the DPO recorded the end, and who. */
    public record Ended(String datasetId, String entruster, Instant endedAt, String endedBy) {
    }

    /** The dataset is no longer held for a client (returned or deleted as agreed, or the record was a mistake). */
    @DeleteMapping("/datasets/{dataset}/processing")
    @Transactional
    Ended end(@PathVariable String dataset, Principal who) {
        var held = one(dataset);
        jdbc.sql("delete from processing_for where dataset_id = ?").param(dataset).update();
        events.publishEvent(new ProcessingChanged(dataset));
        org.slf4j.LoggerFactory.getLogger(ProcessingController.class).info("{} no longer held for {} (recorded by {})", dataset,
                held.entruster(), who.getName());
        return new Ended(dataset, held.entruster(), Instant.now(), who.getName());
    }

    private static HeldFor heldFor(ResultSet rs, int n) throws SQLException {
        return new HeldFor(rs.getString("dataset_id"), rs.getString("entruster"), rs.getString("instructions"),
                AtEnd.valueOf(rs.getString("at_end")), rs.getString("contract_reference"), rs.getObject("ends_on", LocalDate.class),
                rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }
}
