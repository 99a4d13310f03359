package jp.daicho.inventory.parties;

import java.security.Principal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jp.daicho.inventory.history.AsOf;
import jp.daicho.vocabulary.Words;
import jp.daicho.web.Rejected;

/**
 * Systems and parties: the places and the recipients data flows to. A change of one is announced
 * ({@link ReferenceChanged}) for the pipelines going there to be checked again; every version is kept (migration V18's
 * triggers), listed by {@code /history} and read by {@code asOf=}.
 */
@RestController
@RequestMapping("/api")
class PartyController {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    PartyController(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** Every party; with {@code asOf=}, as each stood then (those known then). */
    @GetMapping("/parties")
    List<Party> parties(@RequestParam(required = false) String asOf) {
        return jdbc.sql(AsOf.parse(asOf).with() + " select * from party_at order by id").query(PartyController::party).list();
    }

    List<Party> parties() {
        return parties(null);
    }

    private static Party party(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Party(rs.getString("id"), Party.Kind.valueOf(rs.getString("kind")), rs.getString("name"),
                rs.getString("address"), rs.getString("representative"), rs.getString("country"),
                rs.getString("contract_reference"), rs.getObject("last_supervised_on", java.time.LocalDate.class));
    }

    /** A version of a party or system: what it was from {@code validFrom} until {@code validTo} (null: still), and who set it. */
    public record Version<T>(T record, Instant validFrom, Instant validTo, String changedBy) {
    }

    /** Every version of a party, oldest first: when its country, contract or supervision changed, and who changed it. */
    @GetMapping("/parties/{id}/history")
    List<Version<Party>> partyHistory(@PathVariable String id) {
        party(id);
        return jdbc.sql("select * from party_version where id = ? order by valid_from").param(id)
                .query((rs, n) -> new Version<>(party(rs, n), instant(rs, "valid_from"), instant(rs, "valid_to"),
                        rs.getString("changed_by"))).list();
    }

    /** Every version of a system, oldest first. */
    @GetMapping("/systems/{name}/history")
    List<Version<SystemRecord>> systemHistory(@PathVariable String name) {
        var versions = jdbc.sql("""
                select v.*, coalesce((select s.engineers from system s where s.name = v.name), '{}') as engineers
                from system_version v where v.name = ? order by v.valid_from
                """).param(name).query((rs, n) -> new Version<>(system(rs, n), instant(rs, "valid_from"),
                instant(rs, "valid_to"), rs.getString("changed_by"))).list();
        if (versions.isEmpty()) {
            throw new Rejected(HttpStatus.NOT_FOUND, "システム '" + name + "' はありません。一覧は GET /api/systems です。",
                    "No system '" + name + "'. GET /api/systems lists them.");
        }
        return versions;
    }

    private static Instant instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        var ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }

    @GetMapping("/parties/{id}")
    Party party(@PathVariable String id) {
        return parties().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new Rejected(HttpStatus.NOT_FOUND, "提供先・委託先 '" + id + "' はありません。一覧は GET /api/parties です。",
                        "No party '" + id + "'. GET /api/parties lists them."));
    }

    @PostMapping("/parties")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    Party create(@RequestBody Party party, Principal who) {
        check(party);
        if (jdbc.sql("select count(*) from party where id = ?").param(party.id()).query(Integer.class).single() > 0) {
            throw new Rejected(HttpStatus.CONFLICT, "'" + party.id() + "' はすでに登録されています。変更は PUT /api/parties/" + party.id()
                    + " です。", "Party '" + party.id() + "' exists already: PUT /api/parties/" + party.id() + " changes it.");
        }
        write(party, who);
        return party;
    }

    @PutMapping("/parties/{id}")
    @Transactional
    Party update(@PathVariable String id, @RequestBody Party party, Principal who) {
        if (!id.equals(party.id())) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "本文の id '" + party.id() + "' がパスの '" + id + "' と違います。",
                    "The body's id '" + party.id() + "' is not the path's '" + id + "'.");
        }
        check(party);
        party(id);
        write(party, who);
        events.publishEvent(new ReferenceChanged(true, id));
        return party;
    }

    /** Every system; with {@code asOf=}, as each stood then (its engineers are today's: they are not kept as history). */
    @GetMapping("/systems")
    List<SystemRecord> systems(@RequestParam(required = false) String asOf) {
        return jdbc.sql(AsOf.parse(asOf).with() + """
                 select v.*, coalesce((select s.engineers from system s where s.name = v.name), '{}') as engineers
                 from system_at v order by v.name""").query(PartyController::system).list();
    }

    private static SystemRecord system(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new SystemRecord(rs.getString("name"), SystemRecord.Kind.valueOf(rs.getString("kind")),
                rs.getString("owner_department"), rs.getString("hosting_country"),
                SystemRecord.OperatedBy.valueOf(rs.getString("operated_by")), rs.getString("contractor"),
                java.util.Arrays.asList((String[]) rs.getArray("engineers").getArray()));
    }

    @PostMapping("/systems")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    SystemRecord createSystem(@RequestBody SystemRecord system, Principal who) {
        check(system);
        if (jdbc.sql("select count(*) from system where name = ?").param(system.name()).query(Integer.class).single() > 0) {
            throw new Rejected(HttpStatus.CONFLICT, "システム '" + system.name() + "' はすでに登録されています。変更は PUT /api/systems/"
                    + system.name() + " です。", "System '" + system.name() + "' exists already: PUT /api/systems/" + system.name()
                    + " changes it.");
        }
        writeSystem(system, who);
        return system;
    }

    @PutMapping("/systems/{name}")
    @Transactional
    SystemRecord updateSystem(@PathVariable String name, @RequestBody SystemRecord system, Principal who) {
        if (!name.equals(system.name())) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "本文の name '" + system.name() + "' がパスの '" + name + "' と違います。",
                    "The body's name '" + system.name() + "' is not the path's '" + name + "'.");
        }
        check(system);
        writeSystem(system, who);
        events.publishEvent(new ReferenceChanged(false, name));
        return system;
    }

    private void write(Party p, Principal who) {
        jdbc.sql("""
                insert into party (id, kind, name, address, representative, country, contract_reference, last_supervised_on,
                                   updated_at, updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set kind = excluded.kind, name = excluded.name, address = excluded.address,
                    representative = excluded.representative, country = excluded.country,
                    contract_reference = excluded.contract_reference, last_supervised_on = excluded.last_supervised_on,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """).params(p.id(), p.kind().name(), p.name(), p.address(), p.representative(), p.country().toUpperCase(Locale.ROOT),
                        p.contractReference(), p.lastSupervisedOn(), Timestamp.from(Instant.now()), who.getName())
                .update();
    }

    private void writeSystem(SystemRecord s, Principal who) {
        jdbc.sql("""
                insert into system (name, kind, owner_department, hosting_country, operated_by, contractor, engineers,
                                    updated_at, updated_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (name) do update set kind = excluded.kind, owner_department = excluded.owner_department,
                    hosting_country = excluded.hosting_country, operated_by = excluded.operated_by,
                    contractor = excluded.contractor, engineers = excluded.engineers, updated_at = excluded.updated_at,
                    updated_by = excluded.updated_by
                """).params(s.name(), s.kind().name(), s.ownerDepartment(), s.hostingCountry().toUpperCase(Locale.ROOT),
                        s.operatedBy().name(), s.contractor(), s.engineers().toArray(String[]::new),
                        Timestamp.from(Instant.now()), who.getName())
                .update();
    }

    private void check(Party p) {
        var problems = new ArrayList<Words>();
        require(p.id(), "id", "id", problems);
        require(p.name(), "name", "name", problems);
        if (p.kind() == null) {
            problems.add(new Words("kind（種類）がありません: " + List.of(Party.Kind.values()) + " のいずれか",
                    "kind is missing: one of " + List.of(Party.Kind.values())));
        }
        country(p.country(), "country", problems);
        if (p.kind() == Party.Kind.JOINT_USER || p.kind() == Party.Kind.THIRD_PARTY) {
            require(p.address(), "address（第29条の記録には提供先の住所を記載します）",
                    "address (Art. 29 records name the recipient's address)", problems);
            require(p.representative(), "representative（第29条の記録には提供先の代表者を記載します）",
                    "representative (Art. 29 records name the recipient's representative)", problems);
        }
        Rejected.ifAny(problems);
    }

    private void check(SystemRecord s) {
        var problems = new ArrayList<Words>();
        require(s.name(), "name", "name", problems);
        require(s.ownerDepartment(), "ownerDepartment（管理部署）", "ownerDepartment", problems);
        if (s.kind() == null) {
            problems.add(new Words("kind（種類）がありません: " + List.of(SystemRecord.Kind.values()) + " のいずれか",
                    "kind is missing: one of " + List.of(SystemRecord.Kind.values())));
        }
        if (s.operatedBy() == null) {
            problems.add(new Words("operatedBy（運用者）がありません: US（自社）又は CONTRACTOR（委託先）",
                    "operatedBy is missing: US or CONTRACTOR"));
        } else if (s.operatedBy() == SystemRecord.OperatedBy.CONTRACTOR && (s.contractor() == null
                || jdbc.sql("select count(*) from party where id = ? and kind = 'CONTRACTOR'").param(s.contractor())
                        .query(Integer.class).single() == 0)) {
            problems.add(new Words("contractor には種類 CONTRACTOR（委託先）の提供先を指定してください（先に POST /api/parties）",
                    "contractor must name a party of kind CONTRACTOR (POST /api/parties first)"));
        }
        country(s.hostingCountry(), "hostingCountry", problems);
        if (s.engineers().size() > 100 || s.engineers().stream().anyMatch(e -> e == null || e.isBlank() || e.length() > 200)) {
            problems.add(new Words("engineers は利用者名（サインインの名前）の一覧です: 100名まで、各200文字まで、空の名前なし",
                    "engineers lists sign-in names: at most 100, each of at most 200 characters, none blank"));
        }
        Rejected.ifAny(problems);
    }

    private static void require(String value, String japanese, String english, List<Words> problems) {
        if (value == null || value.isBlank()) {
            problems.add(new Words(japanese + " がありません", english + " is missing"));
        } else if (value.length() > 500) {
            problems.add(new Words(japanese + " が500文字を超えています", english + " is longer than 500 characters"));
        }
    }

    private static void country(String value, String what, List<Words> problems) {
        if (value == null || !value.matches("[A-Za-z]{2}")) {
            problems.add(new Words(what + " は JP、US、DE のような ISO 3166-1 alpha-2 の国コードで書いてください",
                    what + " must be an ISO 3166-1 alpha-2 code such as JP, US, DE"));
        }
    }

}
