package jp.daicho.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import jp.daicho.testkit.Infrastructure;
import jp.daicho.testkit.UsesRealInfrastructure;

/** Migrations that rewrite data, run on a real PostgreSQL from the version before them. */
@UsesRealInfrastructure
class MigrationIT {

    @Test
    void violationsKeepOneIdPerRuleAndDuplicatesFoldIntoOneRowCountingTheirOccurrences() throws SQLException {
        Infrastructure infra = Infrastructure.shared();
        infra.createDatabase("inventory_migration_it");
        Flyway to = null;
        for (String target : List.of("7", "8")) {
            to = Flyway.configure().dataSource(infra.jdbcUrl("inventory_migration_it"), infra.postgresUser(),
                    infra.postgresPassword()).locations("classpath:db/migration").target(target).load();
            to.migrate();
            if (target.equals("7")) {
                try (var c = infra.connect("inventory_migration_it"); var s = c.createStatement()) {
                    s.execute("""
                            insert into violation (pipeline_id, dataset_id, field_name, rule, message, clause, raised_at, raised_by, occurrences)
                            values ('p1', null, null, 'ledger:unknown-pipeline', 'm', 'c', now(), 'ledger', 1),
                                   ('p1', null, null, 'ledger:my-number-provision', 'm', 'c', now(), 'ledger', 4),
                                   ('p2', 'shop.public.members', 'notes', 'batch-record-for-opt-out', 'm', 'c', now(), 'inventory', 1),
                                   ('p3', null, null, 'ledger:opt-out-record-mode', 'm', 'c', now(), 'ledger', 2),
                                   ('p3', null, null, 'batch-record-for-opt-out', 'm', 'c', now(), 'inventory', 1),
                                   ('p4', null, null, 'sensitive-by-opt-out', 'm', 'c', now(), 'inventory', 1)
                            """);
                }
            }
        }
        assertThat(to.info().current().getVersion().getVersion()).isEqualTo("8");

        var rows = new ArrayList<String>();
        try (var c = infra.connect("inventory_migration_it"); var s = c.createStatement();
             var rs = s.executeQuery("select pipeline_id, rule, occurrences from violation order by pipeline_id, rule")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getLong(3));
            }
        }
        assertThat(rows).containsExactly("p1/my-number-provided/4", "p1/unknown-pipeline/1", "p2/opt-out-record-mode/1",
                "p3/opt-out-record-mode/3", "p4/sensitive-by-opt-out/1");
    }
}
