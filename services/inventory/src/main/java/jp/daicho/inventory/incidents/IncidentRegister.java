package jp.daicho.inventory.incidents;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.daicho.inventory.history.AsOf;
import jp.daicho.inventory.incidents.Incident.IncidentChange;
import jp.daicho.inventory.incidents.IncidentReport.AffectedDataset;
import jp.daicho.inventory.incidents.IncidentReport.DownstreamRecipient;
import jp.daicho.inventory.incidents.IncidentReport.EntrustingClient;
import jp.daicho.inventory.incidents.IncidentReport.IncidentReason;
import jp.daicho.inventory.incidents.IncidentReport.IncidentVerdict;
import jp.daicho.inventory.incidents.IncidentReport.ReportField;
import jp.daicho.inventory.policy.Policy;
import jp.daicho.inventory.policy.PolicyRepository;
import jp.daicho.vocabulary.Item;
import jp.daicho.vocabulary.Japan;
import jp.daicho.vocabulary.ReportReason;
import jp.daicho.vocabulary.Words;
import jp.daicho.web.Rejected;

/**
 * The register of incidents, and the report drafted for each from the inventory as it stands: what the affected
 * datasets hold (their current classification; the 台帳's persons, else the sources' row estimates), the pipelines
 * that carry their fields, and the clients they are held for.
 */
@Service
public class IncidentRegister {

    static final int MAX_TITLE = 200;
    static final int MAX_TEXT = 4000;
    static final int MAX_SCOPE = 200;

    private final JdbcClient jdbc;
    private final PolicyRepository policies;
    private final IncidentEvents events;

    IncidentRegister(JdbcClient jdbc, PolicyRepository policies, IncidentEvents events) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.events = events;
    }

    @Transactional
    public IncidentReport record(IncidentChange change, String by) {
        check(change, null);
        long number = jdbc.sql("select nextval('incident_number')").query(Long.class).single();
        String id = "INC-" + change.discoveredOn().getYear() + "-" + String.format("%04d", number);
        Instant now = Instant.now();
        jdbc.sql("""
                insert into incident (id, title, kind, discovered_on, occurred_from, occurred_to, systems, datasets, cause,
                    wrongful_purpose, high_level_encryption, secondary_damage, response_to_persons, publication,
                    recurrence_prevention, other, preliminary_reported_on, final_reported_on, persons_notified_on,
                    recorded_by, recorded_at, updated_by, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).params(values(id, change, by, now, by, now)).update();
        var report = report(find(id).orElseThrow());
        events.incidentRecorded("RECORDED", report, by, now);
        return report;
    }

    /** Replaces what is recorded of an incident with {@code change}, the incident as it is now known. */
    @Transactional
    public IncidentReport change(String id, IncidentChange change, String by) {
        Incident before = jdbc.sql("select * from incident where id = ? for update").param(id)
                .query(IncidentRegister::incident).optional().orElseThrow(() -> notFound(id));
        check(change, before);
        Instant now = Instant.now();
        jdbc.sql("""
                update incident set title = ?, kind = ?, discovered_on = ?, occurred_from = ?, occurred_to = ?, systems = ?,
                    datasets = ?, cause = ?, wrongful_purpose = ?, high_level_encryption = ?, secondary_damage = ?,
                    response_to_persons = ?, publication = ?, recurrence_prevention = ?, other = ?,
                    preliminary_reported_on = ?, final_reported_on = ?, persons_notified_on = ?, updated_by = ?, updated_at = ?
                where id = ?
                """).params(changed(change, by, now, id)).update();
        var report = report(find(id).orElseThrow());
        String what = newly(before.finalReportedOn(), change.finalReportedOn()) ? "FINAL_REPORTED"
                : newly(before.preliminaryReportedOn(), change.preliminaryReportedOn()) ? "PRELIMINARY_REPORTED"
                : newly(before.personsNotifiedOn(), change.personsNotifiedOn()) ? "PERSONS_NOTIFIED" : "UPDATED";
        events.incidentRecorded(what, report, by, now);
        return report;
    }

    public Optional<Incident> find(String id) {
        return jdbc.sql("select * from incident where id = ?").param(id).query(IncidentRegister::incident).optional();
    }

    /** Every incident, the most recently discovered first. */
    public List<Incident> all() {
        return jdbc.sql("select * from incident order by discovered_on desc, id desc").query(IncidentRegister::incident).list();
    }

    public IncidentReport report(String id) {
        return report(find(id).orElseThrow(() -> notFound(id)));
    }

    /** The report drafted from the inventory as it stands now. */
    @Transactional(readOnly = true)
    public IncidentReport report(Incident incident) {
        Policy policy = policies.current().policy();
        String[] datasets = incident.datasets().toArray(String[]::new);
        String[] systems = incident.systems().toArray(String[]::new);
        var held = jdbc.sql(AsOf.NOW.with() + """
                , affected as (select d.id, d.system_name from dataset_at d where d.id = any(?) or d.system_name = any(?)),
                classified as (
                    select c.dataset_id, c.subject, array_agg(distinct c.item order by c.item) as items
                    from classification_at c join field_at f on f.dataset_id = c.dataset_id and f.name = c.field_name
                    where c.subject <> 'none' and c.item <> 'none'
                    group by c.dataset_id, c.subject)
                select a.id, a.system_name, c.subject, c.items, r.persons, n.rows
                from affected a
                left join classified c on c.dataset_id = a.id
                left join register_entry_at r on r.dataset_id = a.id
                left join dataset_rows_at n on n.dataset_id = a.id
                order by a.id, c.subject
                """).params(datasets, systems).query((rs, n) -> new BreachAssessment.Held(rs.getString("id"),
                        rs.getString("system_name"), rs.getString("subject"), strings(rs.getArray("items")),
                        (Long) rs.getObject("persons"), (Long) rs.getObject("rows"))).list();
        var affectedIds = held.stream().map(BreachAssessment.Held::datasetId).distinct().toList();
        var unknown = new ArrayList<String>();
        incident.datasets().stream().filter(d -> !affectedIds.contains(d)).forEach(unknown::add);
        incident.systems().stream().filter(s -> held.stream().noneMatch(h -> s.equals(h.system()))).forEach(unknown::add);

        var assessment = BreachAssessment.assess(incident.discoveredOn(), incident.wrongfulPurpose(),
                incident.highLevelEncryption(), held);
        var affected = held.stream().filter(h -> h.category() != null).map(h -> new AffectedDataset(h.datasetId(), h.system(),
                h.category(), label(policy, h.category()), h.items(), h.items().stream().map(Item::japanese).toList(),
                h.items().stream().anyMatch(Item::requiresCare), h.persons(), h.rows())).toList();
        var recipients = recipients(affectedIds);
        var clients = jdbc.sql("""
                select p.dataset_id, p.entruster, pa.name from processing_for p join party pa on pa.id = p.entruster
                where p.dataset_id = any(?) order by p.dataset_id
                """).param(affectedIds.toArray(String[]::new))
                .query((rs, n) -> new EntrustingClient(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        var verdict = verdict(incident, assessment);
        return new IncidentReport(incident, verdict, fields(incident, assessment, affected, recipients, clients), affected,
                recipients, clients, List.copyOf(unknown));
    }

    private List<DownstreamRecipient> recipients(List<String> datasets) {
        record Pipe(String id, String basis, String country, String party, String partyName, String system,
                    List<String> datasets, List<String> items) {
        }
        var pipes = jdbc.sql(AsOf.NOW.with() + """
                select p.id, p.legal_basis, p.country, p.destination_party, pa.name as party_name, p.destination_system,
                       array_agg(distinct pf.dataset_id order by pf.dataset_id) as datasets,
                       array_agg(distinct c.item order by c.item) filter (where c.item is not null and c.item <> 'none') as items
                from pipeline_field_at pf join pipeline_at p on p.id = pf.pipeline_id
                left join party_at pa on pa.id = p.destination_party
                left join classification_at c on c.dataset_id = pf.dataset_id and c.field_name = pf.field_name
                where pf.dataset_id = any(?)
                group by p.id, p.legal_basis, p.country, p.destination_party, pa.name, p.destination_system
                order by p.id
                """).param(datasets.toArray(String[]::new)).query((rs, n) -> new Pipe(rs.getString("id"),
                        rs.getString("legal_basis"), rs.getString("country"), rs.getString("destination_party"),
                        rs.getString("party_name"), rs.getString("destination_system"), strings(rs.getArray("datasets")),
                        strings(rs.getArray("items")))).list();
        // One recipient per destination: a party, else one of our systems.
        var byDestination = new LinkedHashMap<String, List<Pipe>>();
        for (var p : pipes) {
            byDestination.computeIfAbsent(p.party() != null ? "party:" + p.party() : "system:" + p.system(),
                    k -> new ArrayList<>()).add(p);
        }
        return byDestination.entrySet().stream().map(e -> {
            var list = e.getValue();
            var first = list.getFirst();
            boolean party = first.party() != null;
            return new DownstreamRecipient(party ? "PARTY" : "SYSTEM", party ? first.party() : first.system(),
                    party ? Objects.requireNonNullElse(first.partyName(), first.party()) : first.system(), first.country(),
                    union(list, p -> List.of(p.basis())), union(list, p -> List.of(p.id())), union(list, Pipe::datasets),
                    union(list, p -> p.items().stream().map(Item::japanese).toList()));
        }).toList();
    }

    /** What the pipelines to one destination carry together, in order, each once. */
    private static <T> List<String> union(List<T> pipes, Function<T, List<String>> get) {
        return List.copyOf(pipes.stream().flatMap(p -> get.apply(p).stream())
                .collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
    }

    private static IncidentVerdict verdict(Incident incident, BreachAssessment.Assessment a) {
        var overdue = new ArrayList<String>();
        LocalDate today = Japan.today();
        if (a.reportable() && incident.preliminaryReportedOn() == null && incident.finalReportedOn() == null
                && a.preliminaryDueOn().isBefore(today)) {
            overdue.add("PRELIMINARY");
        }
        if (a.reportable() && incident.finalReportedOn() == null && a.finalDueOn().isBefore(today)) {
            overdue.add("FINAL");
        }
        Words summary = summary(a);
        return new IncidentVerdict(a.personal(), a.reportable(), a.excepted(), reasons(a.reasons()), reasons(a.toConfirm()),
                a.persons().atLeast(), a.persons().atMost(), a.persons().recorded(), a.preliminaryDueOn(), a.finalDueOn(),
                List.copyOf(overdue), summary.japanese(), summary.english());
    }

    private static Words summary(BreachAssessment.Assessment a) {
        if (!a.personal()) {
            return new Words("影響を受けたデータセットに個人データはありません: 第26条の報告対象ではありません（事案は記録として残ります）",
                    "The datasets affected hold no personal data: not a case of Art. 26 (the incident stays on record)");
        }
        if (a.excepted()) {
            return new Words("高度な暗号化等の措置が講じられているため、報告・本人通知の対象外です（規則第7条柱書）",
                    "Protected by high-level encryption: neither reported nor told to the persons (Rule 7, the exception)");
        }
        if (a.reportable()) {
            return new Words("個人情報保護委員会への報告（速報 " + a.preliminaryDueOn() + " まで、確報 " + a.finalDueOn()
                    + " まで）と本人への通知（速やかに）が必要です",
                    "Must be reported to the Commission (preliminary by " + a.preliminaryDueOn() + ", final by "
                            + a.finalDueOn() + ") and told to the persons (promptly)");
        }
        if (!a.toConfirm().isEmpty()) {
            return new Words("報告対象となる可能性があります: 確認事項を確かめてください（報告するなら速報 " + a.preliminaryDueOn() + " まで）",
                    "May have to be reported: confirm the points listed (if so, preliminary by " + a.preliminaryDueOn() + ")");
        }
        return new Words("規則第7条のいずれにも当たらず、報告義務はありません（任意の報告、本人対応は可能です）",
                "None of the cases of Rule 7: no duty to report (a voluntary report and telling the persons remain possible)");
    }

    private static List<IncidentReason> reasons(List<ReportReason> reasons) {
        return reasons.stream().map(r -> new IncidentReason(r.code(), r.article(), r.articleEnglish(), r.japanese(),
                r.english())).toList();
    }

    /** The report's items as Rule 8(1) lists them, in Japanese. */
    private static List<ReportField> fields(Incident i, BreachAssessment.Assessment a, List<AffectedDataset> affected,
                                            List<DownstreamRecipient> recipients, List<EntrustingClient> clients) {
        String window = i.occurredFrom() == null && i.occurredTo() == null ? "発生時期は不明"
                : "発生期間 " + jst(i.occurredFrom()) + " ～ " + jst(i.occurredTo()) + "（日本時間）";
        var scope = new ArrayList<String>();
        i.systems().forEach(s -> scope.add("システム " + s));
        i.datasets().forEach(d -> scope.add("データセット " + d));
        String outline = i.discoveredOn() + " に判明した個人データの" + i.kind().japanese() + "（のおそれ）。" + i.title()
                + "。対象: " + String.join("、", scope) + "。" + window + "。";
        var perCategory = new LinkedHashMap<String, LinkedHashSet<String>>();
        affected.forEach(d -> perCategory.computeIfAbsent(d.categoryLabel(), k -> new LinkedHashSet<>()).addAll(d.items()));
        String items = perCategory.isEmpty() ? "個人データなし"
                : String.join("／", perCategory.entrySet().stream().map(e -> e.getKey() + ": " + String.join("、", e.getValue())).toList())
                + (affected.stream().anyMatch(AffectedDataset::requiresCare) ? "（要配慮個人情報を含む）" : "");
        var p = a.persons();
        String persons = p.atLeast() == null ? "不明（台帳に本人の数がなく、ソースの件数の推定もありません）"
                : (p.atMost() == null || p.atMost().equals(p.atLeast()) ? p.atLeast() + " 人" : p.atLeast() + "～" + p.atMost() + " 人")
                + (p.recorded() ? "（台帳に記録された本人の数）" : "（台帳の本人の数、なければソースの行数の推定。一人が複数の表に現れることがある）");
        var other = new ArrayList<String>();
        if (!recipients.isEmpty()) {
            other.add("データの提供・委託・複製先: " + String.join("、", recipients.stream()
                    .map(r -> r.name() + "（" + String.join("・", r.bases()) + "、" + r.country() + "）").toList()));
        }
        if (!clients.isEmpty()) {
            other.add("委託元（第26条第1項ただし書により通知）: " + String.join("、", clients.stream()
                    .map(c -> c.name() + "（" + c.datasetId() + "）").toList()));
        }
        if (a.excepted()) {
            other.add("高度な暗号化等の措置あり");
        }
        if (i.other() != null) {
            other.add(i.other());
        }
        return List.of(
                new ReportField(1, "概要", "Outline", outline),
                new ReportField(2, "漏えい等が発生し、又は発生したおそれがある個人データの項目", "Items of personal data concerned", items),
                new ReportField(3, "漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数", "Number of persons", persons),
                new ReportField(4, "原因", "Cause", i.cause()),
                new ReportField(5, "二次被害又はそのおそれの有無及びその内容", "Secondary damage", orPending(i.secondaryDamage())),
                new ReportField(6, "本人への対応の実施状況", "Response to the persons", orPending(i.responseToPersons())
                        + (i.personsNotifiedOn() == null ? "" : "（本人への通知 " + i.personsNotifiedOn() + "）")),
                new ReportField(7, "公表の実施状況", "Publication", orPending(i.publication())),
                new ReportField(8, "再発防止のための措置", "Recurrence prevention", orPending(i.recurrencePrevention())),
                new ReportField(9, "その他参考となる事項", "Other", other.isEmpty() ? "なし" : String.join("。", other)));
    }

    private static String jst(Instant at) {
        return at == null ? "不明" : java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(at.atZone(Japan.ZONE));
    }

    private static String orPending(String text) {
        return text == null ? "未記入（確認中）" : text;
    }

    private static String label(Policy policy, String category) {
        var c = policy.categories().get(category);
        return c == null ? category : c.label();
    }

    // --- checks ---------------------------------------------------------------------------------------------------------

    private void check(IncidentChange c, Incident before) {
        var problems = new ArrayList<Words>();
        if (c == null) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "事案の内容（JSON）がありません", "the incident (JSON) is missing");
        }
        Rejected.checkText(c.title(), "title（件名）", "title", MAX_TITLE, true, problems);
        if (c.kind() == null) {
            problems.add(new Words("kind（LEAK 漏えい、LOSS 滅失、DAMAGE 毀損）がありません", "kind (LEAK, LOSS or DAMAGE) is missing"));
        }
        LocalDate today = Japan.today();
        if (c.discoveredOn() == null) {
            problems.add(new Words("discoveredOn（事態を知った日、YYYY-MM-DD）がありません: 報告期限はこの日から数えます",
                    "discoveredOn (the day the company knew, YYYY-MM-DD) is missing: the deadlines count from it"));
        } else if (c.discoveredOn().isAfter(today)) {
            problems.add(new Words("discoveredOn は今日より後にできません", "discoveredOn cannot be after today"));
        }
        if (c.occurredFrom() != null && c.occurredTo() != null && c.occurredFrom().isAfter(c.occurredTo())) {
            problems.add(new Words("occurredFrom が occurredTo より後です", "occurredFrom is after occurredTo"));
        }
        if (c.occurredFrom() != null && c.occurredFrom().isAfter(Instant.now())) {
            problems.add(new Words("occurredFrom は今より後にできません", "occurredFrom cannot be in the future"));
        }
        if (c.systems().isEmpty() && c.datasets().isEmpty()) {
            problems.add(new Words("systems（システム）か datasets（データセット）を少なくとも一つ挙げてください",
                    "name at least one affected system or dataset (systems, datasets)"));
        }
        if (c.systems().size() + c.datasets().size() > MAX_SCOPE) {
            problems.add(new Words("systems と datasets は合わせて " + MAX_SCOPE + " までです（システムを挙げれば、その全データセットが対象です）",
                    "at most " + MAX_SCOPE + " systems and datasets together (a system stands for all its datasets)"));
        } else {
            var unknownSystems = c.systems().stream().filter(s -> jdbc.sql(
                    "select count(*) from system where name = ?").param(s).query(Integer.class).single() == 0
                    && jdbc.sql("select count(*) from dataset where system_name = ?").param(s).query(Integer.class).single() == 0)
                    .toList();
            if (!unknownSystems.isEmpty()) {
                problems.add(new Words("systems の " + unknownSystems + " は登録されたシステムでも、取り込まれたソースでもありません（GET /api/systems）",
                        "systems " + unknownSystems + " are neither registered systems nor captured sources (GET /api/systems)"));
            }
            var unknownDatasets = c.datasets().stream().filter(d -> jdbc.sql("select count(*) from dataset where id = ?")
                    .param(d).query(Integer.class).single() == 0).toList();
            if (!unknownDatasets.isEmpty()) {
                problems.add(new Words("datasets の " + unknownDatasets + " はインベントリにありません（GET /api/datasets）",
                        "datasets " + unknownDatasets + " are not in the inventory (GET /api/datasets)"));
            }
        }
        Rejected.checkText(c.cause(), "cause（原因）", "cause", MAX_TEXT, true, problems);
        Rejected.checkText(c.secondaryDamage(), "secondaryDamage（二次被害）", "secondaryDamage", MAX_TEXT, false, problems);
        Rejected.checkText(c.responseToPersons(), "responseToPersons（本人への対応）", "responseToPersons", MAX_TEXT, false, problems);
        Rejected.checkText(c.publication(), "publication（公表）", "publication", MAX_TEXT, false, problems);
        Rejected.checkText(c.recurrencePrevention(), "recurrencePrevention（再発防止策）", "recurrencePrevention", MAX_TEXT, false, problems);
        Rejected.checkText(c.other(), "other（その他）", "other", MAX_TEXT, false, problems);
        sinceDiscovery("preliminaryReportedOn", c.preliminaryReportedOn(), c.discoveredOn(), today, problems);
        sinceDiscovery("finalReportedOn", c.finalReportedOn(), c.discoveredOn(), today, problems);
        sinceDiscovery("personsNotifiedOn", c.personsNotifiedOn(), c.discoveredOn(), today, problems);
        if (before != null && before.finalReportedOn() != null && c.finalReportedOn() == null) {
            problems.add(new Words("確報の日付（finalReportedOn）は取り消せません: 送った報告は記録に残ります",
                    "finalReportedOn cannot be taken back: a report sent stays on record"));
        }
        Rejected.ifAny(problems);
    }

    /** A day something was done about the incident: not before the company knew, not after today. */
    private static void sinceDiscovery(String name, LocalDate day, LocalDate discoveredOn, LocalDate today, List<Words> problems) {
        if (day != null && (day.isAfter(today) || (discoveredOn != null && day.isBefore(discoveredOn)))) {
            problems.add(new Words(name + " は discoveredOn から今日までの日付です", name + " must be between discoveredOn and today"));
        }
    }

    private static Rejected notFound(String id) {
        return new Rejected(HttpStatus.NOT_FOUND, "事案 " + id + " はありません（GET /api/incidents）",
                "no incident " + id + " (GET /api/incidents)");
    }

    // --- rows -----------------------------------------------------------------------------------------------------------

    private static Object[] values(String id, IncidentChange c, String recordedBy, Instant recordedAt, String by, Instant at) {
        return new Object[] {id, c.title().strip(), c.kind().name(), c.discoveredOn(), ts(c.occurredFrom()), ts(c.occurredTo()),
                c.systems().toArray(String[]::new), c.datasets().toArray(String[]::new), c.cause().strip(),
                Boolean.TRUE.equals(c.wrongfulPurpose()), Boolean.TRUE.equals(c.highLevelEncryption()),
                blank(c.secondaryDamage()), blank(c.responseToPersons()), blank(c.publication()),
                blank(c.recurrencePrevention()), blank(c.other()), c.preliminaryReportedOn(), c.finalReportedOn(),
                c.personsNotifiedOn(), recordedBy, ts(recordedAt), by, ts(at)};
    }

    private static Object[] changed(IncidentChange c, String by, Instant at, String id) {
        var all = values(id, c, by, at, by, at);
        var out = new ArrayList<>(Arrays.asList(all).subList(1, 19));
        out.addAll(List.of(by, ts(at), id));
        return out.toArray();
    }

    private static boolean newly(LocalDate before, LocalDate after) {
        return before == null && after != null;
    }

    private static Timestamp ts(Instant i) {
        return i == null ? null : Timestamp.from(i);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.stream((Object[]) a.getArray()).filter(Objects::nonNull).map(String::valueOf).toList();
    }

    private static Incident incident(ResultSet rs, int n) throws SQLException {
        return new Incident(rs.getString("id"), rs.getString("title"),
                jp.daicho.vocabulary.IncidentKind.valueOf(rs.getString("kind")), rs.getObject("discovered_on", LocalDate.class),
                instant(rs, "occurred_from"), instant(rs, "occurred_to"), strings(rs.getArray("systems")),
                strings(rs.getArray("datasets")), rs.getString("cause"), rs.getBoolean("wrongful_purpose"),
                rs.getBoolean("high_level_encryption"), rs.getString("secondary_damage"), rs.getString("response_to_persons"),
                rs.getString("publication"), rs.getString("recurrence_prevention"), rs.getString("other"),
                rs.getObject("preliminary_reported_on", LocalDate.class), rs.getObject("final_reported_on", LocalDate.class),
                rs.getObject("persons_notified_on", LocalDate.class), rs.getString("recorded_by"),
                instant(rs, "recorded_at"), rs.getString("updated_by"), instant(rs, "updated_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
