package jp.daicho.inventory.readers;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.daicho.inventory.pipelines.PipelineRules;
import jp.daicho.vocabulary.Item;
import jp.daicho.vocabulary.ReaderKind;
import jp.daicho.vocabulary.Rule;
import jp.daicho.vocabulary.Words;
import jp.daicho.web.Rejected;

/**
 * What was seen reading personal data, per source of observation, and the violations that follow: one
 * {@code unregistered-flow} per reader and dataset while no active pipeline names the reader and the DPO has not
 * accepted it. Reconciled after every observation and every decision, so that a violation resolves when its cause goes.
 */
@Service
public class ReaderRegister {

    private static final Logger log = LoggerFactory.getLogger(ReaderRegister.class);
    static final int MAX_REASON = 2000;

    /** A reader as the register shows it: where it was seen, what it can read, and whether a pipeline or the DPO accounts for it. */
    public record ReaderView(String kind, String name, String identity, List<String> sources, List<String> datasets,
                             List<String> items, List<String> categories, String detail, String status,
                             List<String> pipelines, String acceptedReason, String acceptedBy, Instant acceptedAt,
                             Instant firstSeenAt, Instant lastSeenAt) {
    }

    /** The DPO's acceptance of a reader as internal use. */
    public record ReaderAcceptance(String kind, String name, String reason) {
    }

    private final JdbcClient jdbc;
    private final ReaderEvents events;

    ReaderRegister(JdbcClient jdbc, ReaderEvents events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /**
     * Replaces what {@code source} saw: each reader with the datasets holding personal fields it can read ({@code reads}
     * are topics when {@code topics}, else dataset ids). Readers it no longer sees are gone. Then reconciles.
     */
    @Transactional
    public void observe(String source, List<ObservedReader> readers, boolean topics, Instant at) {
        // Serialised across instances: two observations at once would each see the other's readers as new.
        jdbc.sql("select pg_advisory_xact_lock(?)").param(LOCK).query(Object.class).single();
        var seen = new ArrayList<String>();
        for (var r : readers) {
            seen.add(r.identity());
            jdbc.sql("""
                    insert into observed_reader (kind, name, source, reads, by_topic, detail, first_seen_at, last_seen_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (kind, name, source) do update set reads = excluded.reads, by_topic = excluded.by_topic,
                        detail = excluded.detail, last_seen_at = excluded.last_seen_at
                    """).params(r.kind().name(), r.name(), source, r.reads().toArray(String[]::new), topics, r.detail(),
                            Timestamp.from(at), Timestamp.from(at)).update();
        }
        var gone = jdbc.sql("select kind, name from observed_reader where source = ?").param(source)
                .query((rs, n) -> ReaderKind.valueOf(rs.getString(1)).identity(rs.getString(2))).list().stream()
                .filter(id -> !seen.contains(id)).toList();
        for (String id : gone) {
            var kind = kindOf(id);
            jdbc.sql("delete from observed_reader where kind = ? and name = ? and source = ?")
                    .params(kind.name(), id.substring(kind.key().length() + 1), source).update();
        }
        reconcile(at);
    }

    /**
     * Each observed reader with the datasets it can read that hold personal data now (a reader of none is no flow of
     * personal data), and where it was seen.
     */
    private Map<String, Set<String>> personalReads() {
        Map<String, Set<String>> observed = new HashMap<>();
        jdbc.sql("""
                select r.kind, r.name, d.id from observed_reader r
                join dataset d on d.dropped_at is null
                    and (case when r.by_topic then d.source_topic = any(r.reads) else d.id = any(r.reads) end)
                where exists (select 1 from field_classification c join field f on f.dataset_id = c.dataset_id
                                  and f.name = c.field_name and f.present
                              where c.dataset_id = d.id and c.item <> 'none')
                """).query((rs, n) -> observed.computeIfAbsent(ReaderKind.valueOf(rs.getString(1)).identity(rs.getString(2)),
                        k -> new TreeSet<>()).add(rs.getString(3))).list();
        // A topic a pipeline writes its data to carries what the pipeline reads: its readers read those datasets.
        var carried = topicsOfPipelines();
        if (!carried.isEmpty()) {
            jdbc.sql("select kind, name, reads from observed_reader where by_topic").query((rs, n) -> {
                for (String topic : (String[]) rs.getArray(3).getArray()) {
                    var datasets = carried.get(topic);
                    if (datasets != null && !datasets.isEmpty()) {
                        observed.computeIfAbsent(ReaderKind.valueOf(rs.getString(1)).identity(rs.getString(2)),
                                k -> new TreeSet<>()).addAll(datasets);
                    }
                }
                return null;
            }).list();
        }
        return observed;
    }

    /** The topics active pipelines declare they write to, each with the datasets of personal data those pipelines read. */
    private Map<String, Set<String>> topicsOfPipelines() {
        Map<String, Set<String>> carried = new HashMap<>();
        jdbc.sql("""
                select distinct t.topic, pf.dataset_id from pipeline_topic t
                join pipeline p on p.id = t.pipeline_id and p.retired_at is null
                join pipeline_field pf on pf.pipeline_id = t.pipeline_id
                join field_classification c on c.dataset_id = pf.dataset_id and c.field_name = pf.field_name
                where c.item <> 'none'
                """).query((rs, n) -> carried.computeIfAbsent(rs.getString(1), k -> new TreeSet<>()).add(rs.getString(2))).list();
        return carried;
    }

    /** Raises and resolves the {@code unregistered-flow} violations to match what is observed, registered and accepted. */
    @Transactional
    public void reconcile(Instant at) {
        var observed = personalReads();
        var registered = registered();
        record Accepted(String by) {
        }
        Map<String, Accepted> accepted = new HashMap<>();
        jdbc.sql("select kind, name, accepted_by from accepted_reader").query((rs, n) -> accepted.put(
                ReaderKind.valueOf(rs.getString(1)).identity(rs.getString(2)), new Accepted(rs.getString(3)))).list();

        record Open(long id, String reader, String dataset) {
        }
        var open = jdbc.sql("select id, reader, dataset_id from violation where rule = ? and resolved_at is null and reader is not null")
                .param(Rule.UNREGISTERED_FLOW.code()).query((rs, n) -> new Open(rs.getLong(1), rs.getString(2), rs.getString(3))).list();
        for (var o : open) {
            String resolution = null;
            String by = null;
            if (registered.containsKey(o.reader())) {
                resolution = "PIPELINE_CHANGED";
                by = "daicho (pipeline " + String.join(", ", registered.get(o.reader())) + " names it)";
            } else if (accepted.containsKey(o.reader())) {
                resolution = "DPO";
                by = accepted.get(o.reader()).by();
            } else if (!observed.getOrDefault(o.reader(), Set.of()).contains(o.dataset())) {
                resolution = "CAUSE_GONE";
                by = "daicho (no longer reads it)";
            }
            if (resolution != null) {
                jdbc.sql("update violation set resolved_at = ?, resolved_by = ?, resolution = ? where id = ? and resolved_at is null")
                        .params(Timestamp.from(at), by, resolution, o.id()).update();
            }
        }
        for (var e : observed.entrySet()) {
            if (registered.containsKey(e.getKey()) || accepted.containsKey(e.getKey())) {
                continue;
            }
            for (String dataset : e.getValue()) {
                var v = violation(e.getKey(), dataset);
                int raised = jdbc.sql("""
                        insert into violation (pipeline_id, reader, dataset_id, field_name, rule, message, clause, raised_at)
                        values (null, ?, ?, null, ?, ?, ?, ?)
                        on conflict (reader, dataset_id, rule) where resolved_at is null and reader is not null do nothing
                        """).params(e.getKey(), dataset, v.rule(), v.message(), v.clause(), Timestamp.from(at)).update();
                if (raised > 0) {
                    log.info("Unregistered flow: {} reads {}", e.getKey(), dataset);
                    events.unregisteredFlow(e.getKey(), v, at);
                }
            }
        }
    }

    /** The readers the active pipelines name, each with the pipelines that name it. */
    Map<String, List<String>> registered() {
        Map<String, List<String>> registered = new HashMap<>();
        jdbc.sql("""
                select r.reader, r.pipeline_id from pipeline_reader r join pipeline p on p.id = r.pipeline_id
                where p.retired_at is null order by r.pipeline_id
                """).query((rs, n) -> registered.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2)))
                .list();
        return registered;
    }

    private PipelineRules.Violation violation(String reader, String dataset) {
        record Held(String item, String category) {
        }
        var held = jdbc.sql("""
                select distinct c.item, c.subject from field_classification c
                join field f on f.dataset_id = c.dataset_id and f.name = c.field_name and f.present
                where c.dataset_id = ? and c.item <> 'none' order by 1, 2
                """).param(dataset).query((rs, n) -> new Held(rs.getString(1), rs.getString(2))).list();
        var items = new TreeSet<String>();
        var categories = new TreeSet<String>();
        held.forEach(h -> {
            items.add(Item.japanese(h.item()));
            categories.add(h.category());
        });
        var kind = kindOf(reader);
        String name = reader.substring(kind.key().length() + 1);
        String message = reader + " reads " + dataset + " (" + String.join("、", items) + "; " + String.join(", ", categories)
                + ") and no registered pipeline names it: register a pipeline with readers: [{" + kind.key() + ": " + name
                + "}], accept it as internal use (POST /api/readers/accept), or stop it.";
        return new PipelineRules.Violation(Rule.UNREGISTERED_FLOW.code(), message, Rule.UNREGISTERED_FLOW.clause(), dataset, null);
    }

    /** Accepts a reader as the company's internal use, with the reason; its violations resolve. */
    @Transactional
    public ReaderView accept(ReaderAcceptance acceptance, String by) {
        var problems = new ArrayList<Words>();
        ReaderKind kind = null;
        if (acceptance == null || acceptance.kind() == null) {
            problems.add(new Words("kind（" + Arrays.toString(ReaderKind.values()) + " のいずれか）がありません",
                    "kind is missing: one of " + Arrays.toString(ReaderKind.values())));
        } else {
            kind = Arrays.stream(ReaderKind.values()).filter(k -> k.name().equals(acceptance.kind()) || k.key().equals(acceptance.kind()))
                    .findFirst().orElse(null);
            if (kind == null) {
                problems.add(new Words("kind '" + acceptance.kind() + "' は " + Arrays.toString(ReaderKind.values()) + " のいずれでもありません",
                        "kind '" + acceptance.kind() + "' is none of " + Arrays.toString(ReaderKind.values())));
            }
        }
        if (acceptance == null || acceptance.name() == null || acceptance.name().isBlank()) {
            problems.add(new Words("name（読み手の名前）がありません", "name (the reader's name) is missing"));
        } else if (acceptance.name().length() > 255) {
            problems.add(new Words("name は255文字までです", "name is at most 255 characters"));
        }
        Rejected.checkText(acceptance == null ? null : acceptance.reason(), "reason（社内の利用とする理由。承認は記録に残ります）",
                "reason (why it is the company's internal use)", MAX_REASON, true, problems);
        Rejected.ifAny(problems);
        var accepted = kind;
        Instant now = Instant.now();
        jdbc.sql("""
                insert into accepted_reader (kind, name, reason, accepted_by, accepted_at) values (?, ?, ?, ?, ?)
                on conflict (kind, name) do update set reason = excluded.reason, accepted_by = excluded.accepted_by,
                    accepted_at = excluded.accepted_at
                """).params(kind.name(), acceptance.name().strip(), acceptance.reason().strip(), by, Timestamp.from(now)).update();
        reconcile(now);
        String identity = accepted.identity(acceptance.name().strip());
        return all().stream().filter(r -> r.identity().equals(identity)).findFirst().orElseGet(() -> new ReaderView(accepted.name(),
                acceptance.name().strip(), identity, List.of(), List.of(), List.of(), List.of(), null, "ACCEPTED", List.of(),
                acceptance.reason().strip(), by, now, null, null));
    }

    /** Withdraws an acceptance: the reader is judged again (a violation if it still reads and no pipeline names it). */
    @Transactional
    public void withdraw(String kind, String name) {
        var k = Arrays.stream(ReaderKind.values()).filter(x -> x.name().equals(kind) || x.key().equals(kind)).findFirst()
                .orElseThrow(() -> new Rejected(HttpStatus.BAD_REQUEST, "kind '" + kind + "' は読み手の種類ではありません",
                        "kind '" + kind + "' is not a kind of reader: one of " + Arrays.toString(ReaderKind.values())));
        if (jdbc.sql("delete from accepted_reader where kind = ? and name = ?").params(k.name(), name).update() == 0) {
            throw new Rejected(HttpStatus.NOT_FOUND, k.identity(name) + " は承認されていません", k.identity(name) + " is not accepted");
        }
        reconcile(Instant.now());
    }

    /** Every reader observed or accepted: unregistered first, then by identity. */
    public List<ReaderView> all() {
        var registered = registered();
        var personal = personalReads();
        record Row(String kind, String name, String source, String detail, Instant first, Instant last) {
        }
        var rows = jdbc.sql("select * from observed_reader order by kind, name, source").query((rs, n) -> new Row(
                rs.getString("kind"), rs.getString("name"), rs.getString("source"), rs.getString("detail"),
                rs.getTimestamp("first_seen_at").toInstant(), rs.getTimestamp("last_seen_at").toInstant())).list()
                .stream().filter(r -> personal.containsKey(ReaderKind.valueOf(r.kind()).identity(r.name()))).toList();
        record Acceptance(String reason, String by, Instant at) {
        }
        Map<String, Acceptance> accepted = new LinkedHashMap<>();
        jdbc.sql("select * from accepted_reader order by kind, name").query((rs, n) -> accepted.put(
                ReaderKind.valueOf(rs.getString("kind")).identity(rs.getString("name")), new Acceptance(rs.getString("reason"),
                        rs.getString("accepted_by"), rs.getTimestamp("accepted_at").toInstant()))).list();
        var byReader = new LinkedHashMap<String, List<Row>>();
        rows.forEach(r -> byReader.computeIfAbsent(ReaderKind.valueOf(r.kind()).identity(r.name()), k -> new ArrayList<>()).add(r));
        accepted.keySet().forEach(id -> byReader.putIfAbsent(id, List.of()));
        var views = new ArrayList<ReaderView>();
        for (var e : byReader.entrySet()) {
            var kind = kindOf(e.getKey());
            String name = e.getKey().substring(kind.key().length() + 1);
            var datasets = List.copyOf(personal.getOrDefault(e.getKey(), Set.of()));
            var held = datasets.isEmpty() ? List.<String[]>of() : jdbc.sql("""
                    select distinct c.item, c.subject from field_classification c
                    join field f on f.dataset_id = c.dataset_id and f.name = c.field_name and f.present
                    where c.dataset_id = any(?) and c.item <> 'none'
                    """).param(datasets.toArray(String[]::new)).query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)}).list();
            var a = accepted.get(e.getKey());
            String status = registered.containsKey(e.getKey()) ? "REGISTERED" : a != null ? "ACCEPTED" : "UNREGISTERED";
            views.add(new ReaderView(kind.name(), name, e.getKey(), e.getValue().stream().map(Row::source).distinct().toList(),
                    datasets, held.stream().map(h -> h[0]).distinct().sorted().toList(),
                    held.stream().map(h -> h[1]).distinct().sorted().toList(),
                    e.getValue().stream().map(Row::detail).filter(java.util.Objects::nonNull).distinct()
                            .reduce((x, y) -> x + "; " + y).orElse(null), status,
                    registered.getOrDefault(e.getKey(), List.of()), a == null ? null : a.reason(), a == null ? null : a.by(),
                    a == null ? null : a.at(), e.getValue().stream().map(Row::first).min(Instant::compareTo).orElse(null),
                    e.getValue().stream().map(Row::last).max(Instant::compareTo).orElse(null)));
        }
        views.sort(java.util.Comparator.comparing((ReaderView v) -> !v.status().equals("UNREGISTERED")).thenComparing(ReaderView::identity));
        return views;
    }

    /** The observation of a captured source's readers, apart from Kafka's ({@code kafka}): {@code source:<name>}. */
    public static String sourceObservation(String source) {
        return "source:" + source;
    }

    static ReaderKind kindOf(String identity) {
        return Arrays.stream(ReaderKind.values()).filter(k -> identity.startsWith(k.key() + ":")).findFirst().orElseThrow();
    }

    /** One observation at a time across the inventory's instances ("readers" as a number). */
    static final long LOCK = 0x72656164657273L;
}
