package jp.daicho.inventory.flows;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;

/**
 * Issue 15: the flow graph follows each change from what moved it, never rebuilt whole after the first walk: a new
 * pipeline, a field added to one, a classification changed to and from personal data, a pipeline removed, and a change
 * whose transaction committed after a later one's.
 */
@UsesRealInfrastructure
class FlowGraphIT {

    static final String DB = "inventory_flow_graph_it";
    static Infrastructure infra;
    static FlowQueries flows;
    static FlowGraph graph;

    @BeforeAll
    static void database() throws Exception {
        infra = Infrastructure.shared();
        infra.createDatabase(DB);
        Flyway.configure().dataSource(infra.jdbcUrl(DB), infra.postgresUser(), infra.postgresPassword())
                .locations("classpath:db/migration").load().migrate();
        var dataSource = new DriverManagerDataSource(infra.jdbcUrl(DB), infra.postgresUser(), infra.postgresPassword());
        graph = new FlowGraph(dataSource, new DataSourceTransactionManager(dataSource));
        flows = new FlowQueries(org.springframework.jdbc.core.simple.JdbcClient.create(dataSource), graph);
        sql("""
                insert into system (name, kind, owner_department, hosting_country, operated_by, updated_at, updated_by)
                values ('shop', 'DATABASE', '営業部', 'JP', 'US', now(), 'test'), ('crm', 'SAAS', '営業部', 'JP', 'US', now(), 'test');
                insert into party (id, kind, name, country, updated_at, updated_by)
                values ('mailer', 'CONTRACTOR', 'メール配信株式会社', 'JP', now(), 'test');
                insert into dataset (id, system_name, table_name, source_topic, current_version, first_seen_at, last_seen_at)
                values ('shop.public.会員', 'shop', '会員', 'shop.public._u4f1a_u54e1', 1, now(), now()),
                       ('crm.public.contacts', 'crm', 'contacts', 'crm.public.contacts', 1, now(), now());
                insert into field_classification (dataset_id, field_name, item, subject, sensitive, confidence, evidence,
                    sample_count, schema_fingerprint, classifier_version, classified_at)
                values ('shop.public.会員', 'メール', 'email', 'customer', false, 0.9, '{}', 20, 'fp', 't', now()),
                       ('shop.public.会員', '備考', 'none', 'none', false, 0.9, '{}', 20, 'fp', 't', now()),
                       ('crm.public.contacts', 'mail', 'email', 'customer', false, 0.9, '{}', 20, 'fp', 't', now());
                """);
    }

    static void sql(String statements) throws Exception {
        try (var c = infra.connect(DB); var s = c.createStatement()) {
            s.execute(statements);
        }
    }

    static void pipeline(Connection c, String id, String destinationSystem, String destinationParty, String dataset, String field)
            throws Exception {
        try (var s = c.prepareStatement("""
                insert into pipeline (id, name, owner, manifest, destination_system, destination_party, legal_basis,
                    registered_at, registered_by) values (?, ?, 'test', 'test', ?, ?, 'ENTRUSTMENT', now(), 'test');
                insert into pipeline_field (pipeline_id, dataset_id, field_name) values (?, ?, ?)""")) {
            s.setString(1, id);
            s.setString(2, id);
            s.setString(3, destinationSystem);
            s.setString(4, destinationParty);
            s.setString(5, id);
            s.setString(6, dataset);
            s.setString(7, field);
            s.execute();
        }
    }

    static List<String> reached(String system, String item) {
        return flows.paths(new FlowQueries.Filter(item, null, null, null, system), 4).stream()
                .map(p -> p.nodes().getLast()).sorted().toList();
    }

    @Test
    void everyChangeMovesTheGraphWithoutRebuildingIt() throws Exception {
        try (var c = infra.connect(DB)) {
            pipeline(c, "shop-to-crm", "crm", null, "shop.public.会員", "メール");
        }
        assertThat(reached("shop", "email")).containsExactly("system:crm");
        long rebuilds = graph.rebuilds();

        try (var c = infra.connect(DB)) {
            pipeline(c, "crm-to-mailer", null, "mailer", "crm.public.contacts", "mail");
        }
        assertThat(reached("shop", "email")).as("a new pipeline, one hop further").containsExactly("party:mailer", "system:crm");

        sql("update field_classification set item = 'none', subject = 'none' where dataset_id = 'crm.public.contacts'");
        assertThat(reached("shop", "email")).as("the field it reads is no longer personal data").containsExactly("system:crm");

        sql("insert into pipeline_field (pipeline_id, dataset_id, field_name) values ('shop-to-crm', 'shop.public.会員', '備考')");
        sql("update field_classification set item = 'phone', subject = 'customer' where dataset_id = 'shop.public.会員' and field_name = '備考'");
        assertThat(reached("shop", "phone")).as("a field added to a pipeline, then classified").containsExactly("system:crm");

        sql("delete from pipeline where id = 'shop-to-crm'");
        assertThat(reached("shop", "email")).as("a pipeline removed").isEmpty();
        assertThat(graph.rebuilds()).as("all of it without a whole rebuild").isEqualTo(rebuilds);
    }

    /** On systems of its own (pos, hr): the tests run in any order on one database. */
    @Test
    void aChangeCommittedAfterALaterOneIsStillApplied() throws Exception {
        sql("""
                insert into system (name, kind, owner_department, hosting_country, operated_by, updated_at, updated_by)
                values ('pos', 'DATABASE', '店舗部', 'JP', 'US', now(), 'test'), ('hr', 'SAAS', '人事部', 'JP', 'US', now(), 'test');
                insert into dataset (id, system_name, table_name, source_topic, current_version, first_seen_at, last_seen_at)
                values ('pos.public.客', 'pos', '客', 'pos.public._u5ba2', 1, now(), now()),
                       ('hr.public.staff', 'hr', 'staff', 'hr.public.staff', 1, now(), now());
                insert into field_classification (dataset_id, field_name, item, subject, sensitive, confidence, evidence,
                    sample_count, schema_fingerprint, classifier_version, classified_at)
                values ('pos.public.客', 'メール', 'email', 'customer', false, 0.9, '{}', 20, 'fp', 't', now()),
                       ('hr.public.staff', 'mail', 'email', 'employee', false, 0.9, '{}', 20, 'fp', 't', now());
                """);
        try (var c = infra.connect(DB)) {
            pipeline(c, "late-base", "hr", null, "pos.public.客", "メール");
        }
        assertThat(reached("pos", "email")).containsExactly("system:hr");
        try (var slow = infra.connect(DB); var fast = infra.connect(DB)) {
            slow.setAutoCommit(false);
            pipeline(slow, "late-slow", null, "mailer", "pos.public.客", "メール"); // takes its change number first
            pipeline(fast, "late-fast", "pos", null, "hr.public.staff", "mail"); // a later number, committed at once
            assertThat(reached("hr", "email")).as("the later change is applied").contains("system:pos");
            assertThat(reached("pos", "email")).as("the earlier one is not committed yet").doesNotContain("party:mailer");
            slow.commit();
        }
        assertThat(reached("pos", "email")).as("the earlier change, committed later").contains("party:mailer", "system:hr");
    }
}
