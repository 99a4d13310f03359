package jp.daicho.inventory.history;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import org.springframework.http.HttpStatus;

import jp.daicho.vocabulary.Japan;
import jp.daicho.web.Rejected;

/**
 * The moment a question is asked about: now, or a past instant ({@code asOf=}). One definition of what the flows, the
 * entrustments, the cross-border list and the 台帳 are built from serves both: {@link #with()} gives the SQL relations
 * as they stand now (the current tables) or as they stood then (the version tables of migration V18 and the
 * classification history), under the same names and columns:
 * <ul>
 * <li>{@code party_at} (id, kind, name, address, representative, country, contract_reference, last_supervised_on)</li>
 * <li>{@code system_at} (name, kind, owner_department, hosting_country, operated_by, contractor)</li>
 * <li>{@code pipeline_at} (id, name, destination_system, destination_party, legal_basis, cross_border_basis,
 * country): the pipelines active then, each with its destination's country as it stood then</li>
 * <li>{@code pipeline_field_at} (pipeline_id, dataset_id, field_name), {@code pipeline_purpose_at} (pipeline_id,
 * category, purpose)</li>
 * <li>{@code dataset_at} (id, system_name), {@code field_at} (dataset_id, name): the tables and columns known then</li>
 * <li>{@code classification_at} (dataset_id, field_name, item, subject, sensitive)</li>
 * <li>{@code register_entry_at} (dataset_id, acquisition_method, persons, storage_medium, storage_place, use_period,
 * retention, disposal_method, manager, access): what the DPO recorded in the 台帳 by hand</li>
 * <li>{@code dataset_rows_at} (dataset_id, rows, read_at): the source's latest row estimate</li>
 * </ul>
 *
 * @param at the past instant, or null for now
 */
public record AsOf(Instant at) {

    public static final AsOf NOW = new AsOf(null);

    public boolean now() {
        return at == null;
    }

    /** The instant asked about: {@link #at}, or this moment. */
    public Instant instant() {
        return at == null ? Instant.now() : at;
    }

    /** Japan's date at that moment: the day rules that count days (supervision intervals) judge by. */
    public LocalDate day() {
        return at == null ? Japan.today() : LocalDate.ofInstant(at, Japan.ZONE);
    }

    /**
     * {@code asOf} as a request gives it: a date ({@code 2026-04-01}: the record at the end of that day in Japan) or an
     * instant with its offset ({@code 2026-04-01T09:00:00+09:00}); absent, now. A date after today is refused: the
     * record knows the past and the present only. An instant later than now is now.
     */
    public static AsOf parse(String value) {
        if (value == null || value.isBlank()) {
            return NOW;
        }
        String v = value.strip();
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                if (day.isAfter(Japan.today())) {
                    throw new Rejected(HttpStatus.BAD_REQUEST, "asOf " + day + " は未来の日付です。記録が答えられるのは今日（" + Japan.today()
                            + "）までです。", "asOf " + day + " is in the future: the record answers up to today (" + Japan.today()
                            + ", Japan).");
                }
                Instant end = day.plusDays(1).atStartOfDay(Japan.ZONE).toInstant();
                return end.isAfter(Instant.now()) ? NOW : new AsOf(end);
            }
            Instant at = OffsetDateTime.parse(v).toInstant();
            return at.isAfter(Instant.now()) ? NOW : new AsOf(at);
        } catch (DateTimeException e) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "asOf '" + abbreviated(v) + "' は日付（2026-04-01、日本時間のその日の終わり）又は"
                    + "時差付きの日時（2026-04-01T09:00:00+09:00）で書いてください。", "asOf '" + abbreviated(v)
                    + "' must be a date (2026-04-01: the end of that day in Japan) or a date and time with its offset "
                    + "(2026-04-01T09:00:00+09:00).");
        }
    }

    private static String abbreviated(String v) {
        return v.length() > 40 ? v.substring(0, 40) + "…" : v;
    }

    /** The relations named above as common table expressions, starting with {@code with}; callers add their own after a comma. */
    public String with() {
        return at == null ? NOW_RELATIONS : PAST_RELATIONS.replace(":at", "timestamptz '" + at + "'");
    }

    /**
     * A pipeline {@code p}'s country, read from its destination in {@code systems} and {@code parties}: the hosting
     * country of the system it goes to, else the party's. The one definition, for the relations here and for a query
     * over the current tables that needs retired pipelines too ({@code country("system", "party")}).
     */
    public static String country(String systems, String parties) {
        return """
                coalesce((select s.hosting_country from %s s where s.name = p.destination_system),
                         (select pa.country from %s pa where pa.id = p.destination_party))""".formatted(systems, parties);
    }

    private static final String COUNTRY = country("system_at", "party_at");

    private static final String NOW_RELATIONS = """
            with party_at as not materialized (
                select id, kind, name, address, representative, country, contract_reference, last_supervised_on from party),
            system_at as not materialized (
                select name, kind, owner_department, hosting_country, operated_by, contractor from system),
            pipeline_at as not materialized (
                select p.id, p.name, p.destination_system, p.destination_party, p.legal_basis, p.cross_border_basis,
                       %s as country
                from pipeline p where p.retired_at is null),
            pipeline_field_at as not materialized (select pipeline_id, dataset_id, field_name from pipeline_field),
            pipeline_purpose_at as not materialized (select pipeline_id, category, purpose from pipeline_purpose),
            dataset_at as not materialized (select id, system_name from dataset),
            field_at as not materialized (select dataset_id, name from field where present),
            classification_at as not materialized (
                select dataset_id, field_name, item, subject, sensitive from field_classification),
            register_entry_at as not materialized (
                select dataset_id, acquisition_method, persons, storage_medium, storage_place, use_period, retention,
                       disposal_method, manager, access from register_entry),
            dataset_rows_at as not materialized (
                select distinct on (dataset_id) dataset_id, rows, read_at from dataset_rows order by dataset_id, read_at desc)
            """.formatted(COUNTRY);

    private static final String PAST_RELATIONS = """
            with party_at as not materialized (
                select id, kind, name, address, representative, country, contract_reference, last_supervised_on
                from party_version where valid_from <= :at and (valid_to is null or valid_to > :at)),
            system_at as not materialized (
                select name, kind, owner_department, hosting_country, operated_by, contractor
                from system_version where valid_from <= :at and (valid_to is null or valid_to > :at)),
            pipeline_version_at as not materialized (
                select * from pipeline_version where valid_from <= :at and (valid_to is null or valid_to > :at)),
            pipeline_at as not materialized (
                select p.pipeline_id as id, p.name, p.destination_system, p.destination_party, p.legal_basis,
                       p.cross_border_basis, %s as country
                from pipeline_version_at p),
            pipeline_field_at as not materialized (
                select f.pipeline_id, f.dataset_id, f.field_name from pipeline_version_field f
                join pipeline_version_at v on v.pipeline_id = f.pipeline_id and v.version = f.version),
            pipeline_purpose_at as not materialized (
                select u.pipeline_id, u.category, u.purpose from pipeline_version_purpose u
                join pipeline_version_at v on v.pipeline_id = u.pipeline_id and v.version = u.version),
            dataset_at as not materialized (
                select id, system_name from dataset where first_seen_at <= :at and (dropped_at is null or dropped_at > :at)),
            field_at as not materialized (
                select f.dataset_id, f.name from field f
                join dataset_version v on v.dataset_id = f.dataset_id and v.version = f.since_version and v.observed_at <= :at),
            classification_at as not materialized (
                select dataset_id, field_name, item, subject, sensitive from classification_history
                where valid_from <= :at and (valid_to is null or valid_to > :at)),
            register_entry_at as not materialized (
                select dataset_id, acquisition_method, persons, storage_medium, storage_place, use_period, retention,
                       disposal_method, manager, access from register_entry_version
                where valid_from <= :at and (valid_to is null or valid_to > :at)),
            dataset_rows_at as not materialized (
                select distinct on (dataset_id) dataset_id, rows, read_at from dataset_rows where read_at <= :at
                order by dataset_id, read_at desc)
            """.formatted(COUNTRY);
}
