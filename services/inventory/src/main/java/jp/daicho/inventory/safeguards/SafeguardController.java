package jp.daicho.inventory.safeguards;

import java.security.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jp.daicho.inventory.policy.Policy;
import jp.daicho.inventory.policy.PolicyRepository;
import jp.daicho.vocabulary.Japan;
import jp.daicho.vocabulary.MeasureKind;
import jp.daicho.vocabulary.Words;
import jp.daicho.web.Rejected;

/**
 * The foreign regimes, the security-control measures, and what disagrees: a system hosted in a country the policy does
 * not name (seed 002 promises storage in Japan), abroad with no regime recorded or one not checked for a year, a system
 * holding personal data that no technical measure protects, a kind of measure the policy publishes with none recorded.
 */
@RestController
@RequestMapping("/api")
class SafeguardController {

    /** A regime record is checked again within a year. */
    static final java.time.Period REGIME_CHECK_INTERVAL = java.time.Period.ofYears(1);

    /** A country's personal-information regime, as recorded, with where it was read and when it was checked. */
    public record CountryRegime(String country, String regime, String source, LocalDate checkedOn, Instant updatedAt,
                                String updatedBy) {
    }

    /** A security-control measure; {@code systems} those it protects (none: the whole company). */
    public record MeasureRecord(String id, MeasureKind kind, String description, List<String> systems, Instant updatedAt,
                                  String updatedBy) {

        public MeasureRecord {
            systems = systems == null ? List.of() : List.copyOf(systems);
        }
    }

    /**
     * Where the systems, the register and the policy disagree: {@code finding} is HOSTED_OUTSIDE_POLICY,
     * FOREIGN_REGIME_UNKNOWN, REGIME_OUTDATED, NO_TECHNICAL_MEASURE, PROMISED_NOT_RECORDED or PROCESSING_ENDED_DATA_KEPT
     * (a dataset held for a client past the entrustment's end); {@code subject} the system, country, kind of measure or
     * dataset.
     */
    public record Finding(String finding, String subject, String detail) {
    }

    private final JdbcClient jdbc;
    private final PolicyRepository policies;
    private final ApplicationEventPublisher events;

    SafeguardController(JdbcClient jdbc, PolicyRepository policies, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.policies = policies;
        this.events = events;
    }

    @GetMapping("/country-regimes")
    List<CountryRegime> regimes() {
        return jdbc.sql("select * from country_regime order by country").query(SafeguardController::regime).list();
    }

    /** Records a country's regime (replacing what was recorded); the pipelines going there are checked again. */
    @PutMapping("/country-regimes/{country}")
    @Transactional
    CountryRegime recordRegime(@PathVariable String country, @RequestBody CountryRegime regime, Principal who) {
        var problems = new ArrayList<Words>();
        String code = country.toUpperCase(Locale.ROOT);
        if (!code.matches("[A-Z]{2}")) {
            problems.add(new Words("国は JP、US、SG のような ISO 3166-1 alpha-2 の国コードで書いてください",
                    "the country must be an ISO 3166-1 alpha-2 code such as US or SG"));
        } else if (code.equals("JP")) {
            problems.add(new Words("日本の制度は記録の対象ではありません（外国の制度を記録します）",
                    "Japan's regime is not recorded here: this records foreign regimes"));
        }
        Rejected.checkText(regime == null ? null : regime.regime(), "regime（制度の概要）", "regime", 4000, true, problems);
        Rejected.checkText(regime == null ? null : regime.source(), "source（出典）", "source", 500, false, problems);
        if (regime == null || regime.checkedOn() == null) {
            problems.add(new Words("checkedOn（確認した日、YYYY-MM-DD）がありません", "checkedOn (the day it was checked) is missing"));
        } else if (regime.checkedOn().isAfter(Japan.today())) {
            problems.add(new Words("checkedOn は今日より後にできません", "checkedOn cannot be after today"));
        }
        Rejected.ifAny(problems);
        jdbc.sql("""
                insert into country_regime (country, regime, source, checked_on, updated_at, updated_by) values (?, ?, ?, ?, ?, ?)
                on conflict (country) do update set regime = excluded.regime, source = excluded.source,
                    checked_on = excluded.checked_on, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """).params(code, regime.regime().strip(), blank(regime.source()), regime.checkedOn(),
                        Timestamp.from(Instant.now()), who.getName())
                .update();
        events.publishEvent(new RegimeChanged(code));
        return jdbc.sql("select * from country_regime where country = ?").param(code).query(SafeguardController::regime).single();
    }

    @GetMapping("/security-measures")
    List<MeasureRecord> measures() {
        return jdbc.sql("select * from security_measure order by kind, id").query(SafeguardController::measure).list();
    }

    /** Records a measure (replacing one of the same id), with the registered systems it protects. */
    @PutMapping("/security-measures/{id}")
    @Transactional
    MeasureRecord recordMeasure(@PathVariable String id, @RequestBody MeasureRecord measure, Principal who) {
        var problems = new ArrayList<Words>();
        if (!id.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            problems.add(new Words("id は小文字・数字・ハイフンで63文字まで（例: tls-everywhere）",
                    "id is lower-case letters, digits and hyphens, at most 63 (e.g. tls-everywhere)"));
        }
        if (measure == null || measure.kind() == null) {
            problems.add(new Words("kind（種類）がありません: " + List.of(MeasureKind.values()) + " のいずれか",
                    "kind is missing: one of " + List.of(MeasureKind.values())));
        }
        Rejected.checkText(measure == null ? null : measure.description(), "description（内容）", "description", 2000, true, problems);
        var systems = measure == null ? List.<String>of() : measure.systems();
        var unknown = systems.stream().filter(s -> jdbc.sql("select count(*) from system where name = ?").param(s)
                .query(Integer.class).single() == 0).toList();
        if (!unknown.isEmpty()) {
            problems.add(new Words("systems の " + unknown + " は登録されたシステムではありません（GET /api/systems）",
                    "systems " + unknown + " are not registered systems (GET /api/systems)"));
        }
        Rejected.ifAny(problems);
        jdbc.sql("""
                insert into security_measure (id, kind, description, systems, updated_at, updated_by) values (?, ?, ?, ?, ?, ?)
                on conflict (id) do update set kind = excluded.kind, description = excluded.description,
                    systems = excluded.systems, updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """).params(id, measure.kind().name(), measure.description().strip(), systems.toArray(String[]::new),
                        Timestamp.from(Instant.now()), who.getName())
                .update();
        return jdbc.sql("select * from security_measure where id = ?").param(id).query(SafeguardController::measure).single();
    }

    /** Where the systems, the regimes, the measures and the policy's promises disagree, now. */
    @GetMapping("/safeguards/findings")
    List<Finding> findings() {
        Policy policy = policies.current().policy();
        var findings = new ArrayList<Finding>();
        var allowed = policy.crossBorder().countries();
        record Hosted(String system, String country, boolean regime, LocalDate checkedOn) {
        }
        var abroad = jdbc.sql("""
                select s.name, s.hosting_country, r.country is not null, r.checked_on from system s
                left join country_regime r on r.country = s.hosting_country
                where s.hosting_country <> 'JP' order by s.name
                """).query((rs, n) -> new Hosted(rs.getString(1), rs.getString(2), rs.getBoolean(3),
                rs.getObject(4, LocalDate.class))).list();
        for (var h : abroad) {
            if (!allowed.isEmpty() && !allowed.contains(h.country())) {
                findings.add(new Finding("HOSTED_OUTSIDE_POLICY", h.system(), h.system() + " is hosted in " + h.country()
                        + ", a country the policy does not name for storage (" + allowed + "; "
                        + (policy.crossBorder().clause().isBlank() ? "外国" : policy.crossBorder().clause()) + ")"));
            }
            if (!h.regime()) {
                findings.add(new Finding("FOREIGN_REGIME_UNKNOWN", h.system(), h.system() + " is hosted in " + h.country()
                        + ", whose regime is not recorded: PUT /api/country-regimes/" + h.country()));
            }
        }
        LocalDate due = Japan.today().minus(REGIME_CHECK_INTERVAL);
        jdbc.sql("select country, checked_on from country_regime where checked_on < ? order by country").param(due)
                .query((rs, n) -> new Finding("REGIME_OUTDATED", rs.getString(1), rs.getString(1) + "'s regime was last "
                        + "checked on " + rs.getObject(2, LocalDate.class) + ", more than a year ago: check it again"))
                .list().forEach(findings::add);
        jdbc.sql("""
                select s.name from system s
                where exists (select 1 from dataset d join field_classification c on c.dataset_id = d.id
                              join field f on f.dataset_id = c.dataset_id and f.name = c.field_name and f.present
                              where d.system_name = s.name and c.item <> 'none' and d.dropped_at is null)
                  and not exists (select 1 from security_measure m where m.kind = 'TECHNICAL' and s.name = any (m.systems))
                order by s.name
                """).query(String.class).list().forEach(s -> findings.add(new Finding("NO_TECHNICAL_MEASURE", s, s
                        + " holds personal data and no technical measure (access control, encryption, logging) is recorded "
                        + "for it: PUT /api/security-measures/{id} with it among the systems")));
        jdbc.sql("""
                select p.dataset_id, p.entruster, p.at_end, p.ends_on from processing_for p join dataset d on d.id = p.dataset_id
                where p.ends_on < ? and d.dropped_at is null order by p.dataset_id
                """).param(Japan.today()).query((rs, n) -> new Finding("PROCESSING_ENDED_DATA_KEPT", rs.getString(1),
                        rs.getString(1) + " was held for " + rs.getString(2) + " until " + rs.getObject(4, LocalDate.class)
                        + " and is still kept: " + ("RETURN".equals(rs.getString(3)) ? "return it to the client" : "delete it")
                        + " as the entrustment says, then record the end (DELETE /api/datasets/{id}/processing)"))
                .list().forEach(findings::add);
        findings.addAll(promisedNotRecorded(policy, jdbc.sql("select distinct kind from security_measure").query(String.class).list()));
        return findings;
    }

    /** A kind of measure the policy publishes with none of that kind in the register. */
    static List<Finding> promisedNotRecorded(Policy policy, List<String> recordedKinds) {
        return policy.securityMeasures().stream().map(Policy.SecurityMeasure::kind).distinct()
                .filter(kind -> !recordedKinds.contains(kind.name()))
                .map(kind -> new Finding("PROMISED_NOT_RECORDED", kind.name(), "the policy publishes "
                        + kind.english().toLowerCase(Locale.ROOT) + " (" + kind.japanese() + ") and the register records "
                        + "none of that kind: PUT /api/security-measures/{id}"))
                .toList();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static CountryRegime regime(ResultSet rs, int n) throws SQLException {
        return new CountryRegime(rs.getString("country"), rs.getString("regime"), rs.getString("source"),
                rs.getObject("checked_on", LocalDate.class), rs.getTimestamp("updated_at").toInstant(), rs.getString("updated_by"));
    }

    private static MeasureRecord measure(ResultSet rs, int n) throws SQLException {
        return new MeasureRecord(rs.getString("id"), MeasureKind.valueOf(rs.getString("kind")), rs.getString("description"),
                Arrays.asList((String[]) rs.getArray("systems").getArray()), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("updated_by"));
    }
}
