package jp.daicho.inventory.policy;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The policy's versions, each effective from a date. The version in force on a day is the one with the
 * latest effective date not after it. On first start the default policy (modeled on seed policy 000) is
 * loaded, so that pipelines can be checked from the beginning.
 */
@Repository
public class PolicyRepository implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(PolicyRepository.class);
    static final String DEFAULT = "policy/default-policy.yml";

    /** A stored version: the parsed policy and who loaded it when. */
    public record Version(Policy policy, String yaml, Instant loadedAt, String loadedBy) {
    }

    /** A version with this number exists already: versions are never rewritten. */
    public static final class DuplicateVersion extends jp.daicho.web.Rejected {
        DuplicateVersion(String version) {
            super(org.springframework.http.HttpStatus.CONFLICT, "ポリシーの版 '" + version + "' はすでにあります。版は書き換えません。"
                    + "新しい文面には新しい版を付けてください。", "Policy version '" + version
                    + "' exists already; versions are never rewritten. Give the new text a new version.");
        }
    }

    private final JdbcClient jdbc;
    private final Map<String, Version> parsed = new ConcurrentHashMap<>();

    PolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) throws Exception {
        if (jdbc.sql("select count(*) from policy_version").query(Integer.class).single() == 0) {
            String yaml = new ClassPathResource(DEFAULT).getContentAsString(StandardCharsets.UTF_8);
            save(PolicyDocument.read(yaml, DEFAULT), yaml, "daicho (default policy)");
            log.info("Loaded the default policy ({}); replace it with your own: POST /api/policy", DEFAULT);
        }
    }

    @Transactional
    public Version save(Policy policy, String yaml, String by) {
        if (jdbc.sql("select count(*) from policy_version where version = ?").param(policy.version()).query(Integer.class).single() > 0) {
            throw new DuplicateVersion(policy.version());
        }
        Instant now = Instant.now();
        jdbc.sql("insert into policy_version (version, effective_from, document, loaded_at, loaded_by) values (?, ?, ?, ?, ?)")
                .params(policy.version(), policy.effectiveFrom(), yaml, Timestamp.from(now), by).update();
        return new Version(policy, yaml, now, by);
    }

    /** The version in force on {@code day}. */
    public Optional<Version> inForceOn(LocalDate day) {
        return jdbc.sql("""
                select version from policy_version where effective_from <= ? order by effective_from desc, loaded_at desc limit 1
                """).param(day).query(String.class).optional().flatMap(this::version);
    }

    public Version current() {
        return inForceOn(jp.daicho.vocabulary.Japan.today()).or(() -> jdbc.sql(
                        "select version from policy_version order by effective_from, loaded_at limit 1")
                .query(String.class).optional().flatMap(this::version))
                .orElseThrow(() -> new IllegalStateException("No policy is loaded: POST /api/policy"));
    }

    /**
     * A category of person as a request names it ({@code subject=}): one the classifier knows (or {@code none}), or one
     * the policy in force declares; null for none given. Anything else is refused with the codes there are.
     */
    public String subject(String name, String code) {
        if (code == null || jp.daicho.vocabulary.Term.find(jp.daicho.vocabulary.Subject.class, code).isPresent()) {
            return code;
        }
        var declared = current().policy().categories().keySet();
        if (declared.contains(code)) {
            return code;
        }
        var known = new java.util.LinkedHashSet<String>();
        java.util.Arrays.stream(jp.daicho.vocabulary.Subject.values()).map(jp.daicho.vocabulary.Subject::code).forEach(known::add);
        known.addAll(declared);
        throw new jp.daicho.web.Rejected(org.springframework.http.HttpStatus.BAD_REQUEST, name + " '" + code
                + "' は知らない区分です。使える区分: " + String.join(", ", known) + "（ポリシーが宣言する区分を含みます）",
                "Unknown " + name + " '" + code + "'. Known categories: " + String.join(", ", known)
                        + " (the policy's own included)");
    }

    public Optional<Version> version(String version) {
        Version known = parsed.get(version);
        if (known != null) {
            return Optional.of(known);
        }
        return jdbc.sql("select document, loaded_at, loaded_by from policy_version where version = ?").param(version)
                .query((rs, n) -> new Version(PolicyDocument.read(rs.getString(1), "policy " + version), rs.getString(1),
                        rs.getTimestamp(2).toInstant(), rs.getString(3)))
                .optional().map(v -> {
                    parsed.put(version, v);
                    return v;
                });
    }

    /** One version in the list: when it takes effect, and who loaded it when. */
    public record VersionSummary(String version, LocalDate effectiveFrom, Instant loadedAt, String loadedBy) {
    }

    /** Every version, newest effective date first. */
    public List<VersionSummary> versions() {
        return jdbc.sql("select version, effective_from, loaded_at, loaded_by from policy_version order by effective_from desc, loaded_at desc")
                .query((rs, n) -> new VersionSummary(rs.getString(1), rs.getObject(2, LocalDate.class),
                        rs.getTimestamp(3).toInstant(), rs.getString(4)))
                .list();
    }
}
