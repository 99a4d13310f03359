package jp.daicho.inventory.declared;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jp.daicho.inventory.datasets.DatasetObservation;
import jp.daicho.inventory.datasets.FieldClassification;
import jp.daicho.inventory.datasets.RecordObservations;
import jp.daicho.inventory.policy.PolicyRepository;
import jp.daicho.inventory.yaml.YamlDocument;
import jp.daicho.inventory.yaml.YamlDocument.Value;
import jp.daicho.vocabulary.DeclaredKind;
import jp.daicho.vocabulary.Item;
import jp.daicho.vocabulary.Term;
import jp.daicho.web.Rejected;

/**
 * Reads a declared dataset's manifest and records it as a dataset, its fields and their classification (by the
 * declaration, confidence 1): the same record captured datasets have, so that everything built on it applies.
 * <pre>
 * id: website.tags.ad-pixel        # &lt;system&gt;.&lt;group&gt;.&lt;name&gt;: the system is a registered one
 * system: website
 * kind: WEB_TAG                    # WEB_TAG, APP_SDK, SAAS, FILE
 * name: 広告配信タグ
 * linked_to: demo.public.members   # optional: the dataset the company links these items to
 * fields:
 *   - {name: cookie_id, item: device_id, subject: customer}
 *   - {name: viewed_pages, item: behavior, subject: customer}
 * </pre>
 */
@Service
public class DeclaredDatasets {

    static final int MAX_FIELDS = 500;

    /** A declared dataset as listed. */
    public record Declared(String id, String system, String kind, String name, String linkedTo, List<String> fields,
                           String information, String declaredBy, Instant declaredAt) {
    }

    private final JdbcClient jdbc;
    private final RecordObservations record;
    private final PolicyRepository policies;

    DeclaredDatasets(JdbcClient jdbc, RecordObservations record, PolicyRepository policies) {
        this.jdbc = jdbc;
        this.record = record;
        this.policies = policies;
    }

    /** Declares a dataset, or replaces its declaration when {@code replace} (fields gone are marked absent). */
    @Transactional
    public String declare(String yaml, String by, String expectedId) {
        Value root = YamlDocument.parse(yaml, "manifest");
        root.keys(Set.of("id", "system", "kind", "name", "linked_to", "fields"));
        String id = root.get("id").required();
        String system = root.get("system").required();
        var kind = root.get("kind").oneOf(DeclaredKind.class);
        if (!root.get("kind").present()) {
            root.get("kind").problem("がありません: " + List.of(DeclaredKind.values()) + " のいずれか",
                    "is missing: one of " + List.of(DeclaredKind.values()));
        }
        String name = root.get("name").text().orElse(id);
        if (!id.isEmpty() && !id.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[^\\s.][^\\s]{0,99}")) {
            root.get("id").problem("'" + id + "' はデータセット id になりません: <システム>.<区分>.<名前>（例 website.tags.ad-pixel）",
                    "'" + id + "' is not a dataset id: <system>.<group>.<name> (e.g. website.tags.ad-pixel)");
        } else if (!id.isEmpty() && !system.isEmpty() && !id.startsWith(system + ".")) {
            root.get("id").problem("id はシステム名 '" + system + ".' で始めてください", "the id starts with the system's name '" + system + ".'");
        }
        if (!system.isEmpty() && jdbc.sql("select count(*) from system where name = ?").param(system).query(Integer.class).single() == 0) {
            root.get("system").problem("'" + system + "' は登録されたシステムではありません（POST /api/systems で登録）",
                    "'" + system + "' is not a registered system (register it: POST /api/systems)");
        }
        String linkedTo = root.get("linked_to").text().orElse(null);
        if (linkedTo != null && jdbc.sql("select count(*) from dataset where id = ?").param(linkedTo).query(Integer.class).single() == 0) {
            root.get("linked_to").problem("'" + linkedTo + "' はインベントリにありません", "'" + linkedTo + "' is not in the inventory");
        }
        record Declared(String name, String item, String subject) {
        }
        var fields = new ArrayList<Declared>();
        var names = new HashSet<String>();
        var list = root.get("fields").list();
        if (list.isEmpty()) {
            root.get("fields").problem("がありません: 運ぶ項目を {name, item, subject} で並べてください",
                    "is missing: list the items it carries as {name, item, subject}");
        } else if (list.size() > MAX_FIELDS) {
            root.get("fields").problem("は " + MAX_FIELDS + " 個までです", "at most " + MAX_FIELDS + " fields");
        }
        for (Value f : list) {
            f.keys(Set.of("name", "item", "subject"));
            String field = f.get("name").required();
            if (!field.isEmpty() && !names.add(field)) {
                f.get("name").problem("'" + field + "' が二度あります", "'" + field + "' is declared twice");
            }
            String item = f.get("item").required();
            if (!item.isEmpty() && Term.find(Item.class, item).isEmpty()) {
                f.get("item").problem("'" + item + "' は項目のコードではありません（GET /api/vocabulary の items）",
                        "'" + item + "' is not an item code (e.g. device_id, behavior, location, email)");
            }
            String subject = f.get("subject").text().orElse("none".equals(item) ? "none" : "customer");
            fields.add(new Declared(field, item, subject));
        }
        root.check();
        fields.forEach(f -> policies.subject("subject", f.subject()));
        if (expectedId != null && !expectedId.equals(id)) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "URL の id '" + expectedId + "' とマニフェストの id '" + id + "' が違います",
                    "the URL names '" + expectedId + "' and the manifest '" + id + "'");
        }
        boolean exists = jdbc.sql("select count(*) from dataset where id = ?").param(id).query(Integer.class).single() > 0;
        boolean declared = jdbc.sql("select count(*) from declared_dataset where id = ?").param(id).query(Integer.class).single() > 0;
        if (exists && !declared) {
            throw new Rejected(HttpStatus.CONFLICT, id + " は取り込まれたデータセットです: 宣言で置き換えられません",
                    id + " is a captured dataset: a declaration cannot replace it");
        }
        if (declared && expectedId == null) {
            throw new Rejected(HttpStatus.CONFLICT, id + " は宣言済みです: 変えるには PUT /api/declared-datasets/" + id,
                    id + " is declared already: change it with PUT /api/declared-datasets/" + id);
        }
        Instant now = Instant.now();
        String[] parts = id.split("\\.", 3);
        var columns = new ArrayList<DatasetObservation.Column>();
        for (int i = 0; i < fields.size(); i++) {
            columns.add(new DatasetObservation.Column(fields.get(i).name(), i + 1, "declared:" + fields.get(i).item(), true, false));
        }
        String fingerprint = "declared:" + java.util.HexFormat.of().formatHex(sha256(String.join("\n",
                fields.stream().map(f -> f.name() + "=" + f.item() + "/" + f.subject()).toList())));
        record.on(new DatasetObservation(id, system, kind.orElseThrow().name(), parts[1], parts[2], "declared:" + id, fingerprint,
                columns, now, false));
        for (var f : fields) {
            record.on(new FieldClassification(id, f.name(), f.item(), f.subject(), Item.isSensitive(f.item()), 1.0,
                    List.of("declared:" + kind.orElseThrow().name() + " by " + by), 0, fingerprint, "declared", now));
        }
        jdbc.sql("""
                insert into declared_dataset (id, kind, name, linked_to, manifest, declared_by, declared_at)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (id) do update set kind = excluded.kind, name = excluded.name, linked_to = excluded.linked_to,
                    manifest = excluded.manifest, declared_by = excluded.declared_by, declared_at = excluded.declared_at
                """).params(id, kind.orElseThrow().name(), name, linkedTo, yaml, by, Timestamp.from(now)).update();
        return id;
    }

    public List<Declared> all() {
        return jdbc.sql("""
                select dd.*, d.system_name,
                       array(select f.name from field f where f.dataset_id = dd.id and f.present order by f.position) as fields,
                       array(select coalesce(c.item, 'none') from field f left join field_classification c
                             on c.dataset_id = f.dataset_id and c.field_name = f.name
                             where f.dataset_id = dd.id and f.present) as items
                from declared_dataset dd join dataset d on d.id = dd.id order by dd.id
                """).query((rs, n) -> new Declared(rs.getString("id"), rs.getString("system_name"), rs.getString("kind"),
                        rs.getString("name"), rs.getString("linked_to"), List.of((String[]) rs.getArray("fields").getArray()),
                        jp.daicho.inventory.datasets.InformationKind.judge(List.of((String[]) rs.getArray("items").getArray()),
                                rs.getString("linked_to")).kind().name(),
                        rs.getString("declared_by"), rs.getTimestamp("declared_at").toInstant())).list();
    }

    private static byte[] sha256(String s) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
