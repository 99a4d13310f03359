package jp.daicho.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import jp.daicho.inventory.datasets.RecordObservations;
import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19 §2 on a real PostgreSQL: a web tag declared by its manifest is a dataset whose cookie ids and browsing
 * history identify no one — personally-related information, which an ART31 pipeline may provide to an ad network; the
 * same items linked to members are personal information, and ART31 refuses them.
 */
@UsesRealInfrastructure
class PersonallyRelatedIT {

    static ConfigurableApplicationContext app;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        app = RunningInventory.start(Infrastructure.shared(), "related_it", Map.of());
        base = RunningInventory.url(app);
        var record = app.getBean(RecordObservations.class);
        PipelinesIT.dataset(record, "shop.public.members", "shop", "members", "id", "email");
        PipelinesIT.classify(record, "shop.public.members", "email", "email", "customer", false);
        PipelinesIT.ok(call("dpo", "POST", "/api/systems", """
                {"name": "website", "kind": "SERVICE", "ownerDepartment": "EC事業部", "hostingCountry": "JP", "operatedBy": "US"}"""), 201);
        PipelinesIT.ok(call("dpo", "POST", "/api/parties", """
                {"id": "ad-network", "kind": "THIRD_PARTY", "name": "アドネットワーク株式会社", "address": "東京都渋谷区道玄坂１－１",
                 "representative": "代表取締役 中村 誠", "country": "JP"}"""), 201);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    static java.net.http.HttpResponse<String> call(String user, String method, String path, String body) throws Exception {
        return PipelinesIT.call(base, user, method, path, body);
    }

    static final String AD_DELIVERY = """
            id: ad-delivery
            owner: growth@example.jp
            source: [{dataset: %s, fields: [cookie_id, viewed_pages]}]
            destination: {party: ad-network}
            purposes: {customer: [personalization]}
            legal_basis: ART31
            record_mode: BATCH
            """;

    @Test
    void aDeclaredWebTagIsPersonallyRelatedInformationThatArt31ProvidesToAnAdNetwork() throws Exception {
        String manifest = Files.readString(Path.of("../../docs/examples/website-ad-pixel.yml"));
        JsonNode declared = PipelinesIT.ok(call("engineer", "POST", "/api/declared-datasets", manifest), 201);
        assertThat(declared.get("id").asString()).isEqualTo("website.tags.ad-pixel");
        assertThat(declared.get("declaredKind").asString()).isEqualTo("WEB_TAG");
        assertThat(declared.get("information").asString()).isEqualTo("PERSONALLY_RELATED");
        assertThat(declared.get("informationReason").asString()).contains("端末識別子", "個人関連情報");
        assertThat(declared.get("fields")).extracting(f -> f.get("name").asString() + "=" + f.at("/classification/item").asString())
                .contains("cookie_id=device_id", "viewed_pages=behavior");
        assertThat(PipelinesIT.ok(call("auditor", "GET", "/api/datasets", null), 200)).filteredOn(d -> d.get("id").asString()
                .equals("shop.public.members")).singleElement().satisfies(d ->
                assertThat(d.get("information").asString()).isEqualTo("PERSONAL_INFORMATION"));

        JsonNode registered = PipelinesIT.ok(call("engineer", "POST", "/api/pipelines",
                AD_DELIVERY.formatted("website.tags.ad-pixel")), 201);
        assertThat(registered.get("valid").asBoolean()).as(registered.toString()).isTrue();
        // (The other scenarios may have declared theirs: this one's entry.)
        assertThat(PipelinesIT.ok(call("auditor", "GET", "/api/declared-datasets", null), 200))
                .filteredOn(d -> d.get("id").asString().equals("website.tags.ad-pixel")).singleElement()
                .satisfies(d -> assertThat(d.get("information").asString()).isEqualTo("PERSONALLY_RELATED"));
        // Declared again, the same id is a change (PUT); a POST is refused.
        assertThat(call("engineer", "POST", "/api/declared-datasets", manifest).statusCode()).isEqualTo(409);
    }

    @Test
    void theSameItemsLinkedToMembersArePersonalInformationAndArt31RefusesThem() throws Exception {
        JsonNode linked = PipelinesIT.ok(call("engineer", "POST", "/api/declared-datasets", """
                id: website.tags.member-pixel
                system: website
                kind: WEB_TAG
                linked_to: shop.public.members
                fields:
                  - {name: cookie_id, item: device_id, subject: customer}
                  - {name: viewed_pages, item: behavior, subject: customer}
                """), 201);
        assertThat(linked.get("information").asString()).isEqualTo("PERSONAL_INFORMATION");
        assertThat(linked.get("informationReason").asString()).contains("shop.public.members", "容易照合性");
        var refused = call("engineer", "POST", "/api/pipelines", AD_DELIVERY.replace("ad-delivery", "member-ads")
                .formatted("website.tags.member-pixel"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("related-info-is-personal-data", "provided under Art. 27 (CONSENT), not Art. 31");
    }

    @Test
    void aBadDeclarationIsRefusedWithEveryProblemAndACapturedDatasetCannotBeReplaced() throws Exception {
        var bad = call("engineer", "POST", "/api/declared-datasets", """
                id: nowhere.tags.x
                system: nowhere
                kind: PIXEL
                fields:
                  - {name: a, item: cookie}
                  - {name: a, item: behavior}
                """);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("'nowhere' is not a registered system", "'cookie' is not an item code",
                "'a' is declared twice", "PIXEL");
        assertThat(call("engineer", "POST", "/api/declared-datasets", """
                id: shop.public.members
                system: website
                kind: FILE
                fields: [{name: email, item: email}]
                """).statusCode()).as("an id not starting with its system").isEqualTo(400);
        assertThat(call("auditor", "POST", "/api/declared-datasets", "id: x").statusCode()).isEqualTo(403);
        assertThat(PipelinesIT.ok(call("auditor", "GET", "/api/declared-datasets", null), 200).toString()).doesNotContain("nowhere");
    }
}
