package jp.daicho.bench;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import jp.daicho.embedded.EmbeddedKafka;
import jp.daicho.embedded.EmbeddedPostgres;
import jp.daicho.inventory.InventoryApplication;
import jp.daicho.testkit.DemoUsers;

/**
 * The inventory at scale: a generated inventory of N systems, 20 datasets each, 10 fields per dataset,
 * and P pipelines (defaults: 10,000 systems, 200,000 datasets, 2,000,000 fields, 50,000 pipelines) in
 * the embedded PostgreSQL, then multi-hop flow queries over REST (latency percentiles per kind) and the
 * ledger export of all datasets (time, bytes, heap). Run with
 * {@code bin/daicho-bench inventory [--systems=10000] [--pipelines=50000] [--queries=200]}.
 */
public final class InventoryBenchmark {

    static final String[] ITEMS = {"name", "email", "phone", "address", "birth_date", "identifier", "employment",
            "free_text", "none", "none", "none", "none", "medical", "bank_account"};
    static final String[] SUBJECTS = {"customer", "customer", "customer", "employee", "partner", "applicant"};

    public static void main(String[] args) throws Exception {
        int systems = 10_000;
        int pipelines = 50_000;
        int queries = 200;
        int changeRate = 100;
        for (String arg : args) {
            if (arg.startsWith("--systems=")) {
                systems = Integer.parseInt(arg.substring(10));
            } else if (arg.startsWith("--pipelines=")) {
                pipelines = Integer.parseInt(arg.substring(12));
            } else if (arg.startsWith("--queries=")) {
                queries = Integer.parseInt(arg.substring(10));
            } else if (arg.startsWith("--change-rate=")) {
                changeRate = Integer.parseInt(arg.substring(14));
            } else if (!arg.equals("inventory")) {
                System.err.println("usage: daicho-bench inventory [--systems=10000] [--pipelines=50000] [--queries=200] [--change-rate=100]");
                System.exit(2);
            }
        }
        try (var kafka = EmbeddedKafka.start(); var postgres = EmbeddedPostgres.start()) {
            postgres.createDatabase("bench_inventory");
            try (var app = InventoryApplication.application().run(
                    "--spring.datasource.url=" + postgres.jdbcUrl("bench_inventory"),
                    "--spring.datasource.username=" + EmbeddedPostgres.USER, "--spring.datasource.password=",
                    "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(), "--server.port=0",
                    "--spring.profiles.active=" + DemoUsers.PROFILE, "--logging.level.root=WARN")) {
                String base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
                long t0 = System.nanoTime();
                try (Connection c = postgres.dataSource("bench_inventory").getConnection()) {
                    generate(c, systems, pipelines);
                }
                System.out.printf("%ngenerated %,d systems, %,d datasets, %,d fields, %,d pipelines in %.1f s%n",
                        systems, systems * 20, systems * 200, pipelines, (System.nanoTime() - t0) / 1e9);
                measure(base, systems, queries);
                direct(app.getBean(jp.daicho.inventory.flows.FlowQueries.class), systems, queries);
                try (Connection c = postgres.dataSource("bench_inventory").getConnection()) {
                    check(app.getBean(jp.daicho.inventory.flows.FlowQueries.class), c, systems);
                    // What a query pays right after a classification changed: the pipelines reading it are loaded again.
                    c.createStatement().execute("update field_classification set item = 'phone' where dataset_id = 'sys1.public.t1'");
                    long t = System.nanoTime();
                    get(HttpClient.newHttpClient(), base + "/api/flows?system=sys1");
                    System.out.printf("  first query after a change (brings the flow graph up to date): %.0f ms%n", (System.nanoTime() - t) / 1e6);
                }
                underChange(base, postgres.dataSource("bench_inventory"), app.getBean(jp.daicho.inventory.flows.FlowQueries.class),
                        systems, pipelines, queries * 5, changeRate);
                export(base);
            }
        }
        System.exit(0);
    }

    static void generate(Connection c, int systems, int pipelines) throws Exception {
        try (var s = c.createStatement()) {
            s.execute("set synchronous_commit = off");
            s.execute("""
                    insert into party (id, kind, name, address, representative, country, contract_reference, last_supervised_on, updated_at, updated_by)
                    select 'party-' || i, (array['CONTRACTOR','THIRD_PARTY','JOINT_USER'])[1 + i %% 3], '取引先' || i, '東京都', '代表 ' || i,
                           (array['JP','JP','JP','US','DE'])[1 + i %% 5], 'C-' || i, current_date - (i %% 500), now(), 'bench'
                    from generate_series(1, %d) i""".formatted(Math.max(10, systems / 5)));
            s.execute("""
                    insert into system (name, kind, owner_department, hosting_country, operated_by, updated_at, updated_by)
                    select 'sys' || i, 'DATABASE', '部署' || (i %% 50), 'JP', 'US', now(), 'bench' from generate_series(1, %d) i""".formatted(systems));
            s.execute("""
                    insert into dataset (id, system_name, database_name, schema_name, table_name, source_topic, current_version, first_seen_at, last_seen_at)
                    select 'sys' || s || '.public.t' || t, 'sys' || s, 'db', 'public', 't' || t, 'sys' || s || '.public.t' || t, 1, now(), now()
                    from generate_series(1, %d) s, generate_series(1, 20) t""".formatted(systems));
            s.execute("""
                    insert into dataset_version (dataset_id, version, fingerprint, column_count, observed_at)
                    select id, 1, 'fp', 10, now() from dataset""");
            s.execute("""
                    insert into field (dataset_id, name, position, sql_type, optional, primary_key, since_version, present)
                    select d.id, 'c' || f, f, 'TEXT', true, f = 1, 1, true from dataset d, generate_series(1, 10) f""");
            String items = "(array[" + String.join(",", Arrays.stream(ITEMS).map(i -> "'" + i + "'").toList()) + "])";
            String subjects = "(array[" + String.join(",", Arrays.stream(SUBJECTS).map(i -> "'" + i + "'").toList()) + "])";
            s.execute("""
                    insert into field_classification (dataset_id, field_name, item, subject, sensitive, confidence, evidence,
                        sample_count, schema_fingerprint, classifier_version, classified_at)
                    select dataset_id, name, it, case when it = 'none' then 'none' else %s[1 + abs(hashtext(dataset_id)) %% %d] end,
                           it = 'medical', 0.9, array['bench'], 20, 'fp', 'bench', now()
                    from (select dataset_id, name, %s[1 + abs(hashtext(dataset_id || name)) %% %d] as it from field) f
                    """.formatted(subjects, SUBJECTS.length, items, ITEMS.length));
            s.execute("""
                    insert into classification_history (dataset_id, field_name, item, subject, sensitive, confidence, review_state, decided_by, valid_from)
                    select dataset_id, field_name, item, subject, sensitive, confidence, 'AUTO', 'bench', classified_at from field_classification""");
            // Pipelines from a dataset of system s to a system near it (chains of hops) or to a party.
            s.execute("""
                    insert into pipeline (id, name, owner, manifest, destination_system, destination_party, legal_basis, registered_at, registered_by)
                    select 'p' || i, 'p' || i, 'bench', 'bench',
                           case when i %% 10 < 7 then 'sys' || (1 + (i::bigint * 7919 + i / 3) %% %1$d) end,
                           case when i %% 10 >= 7 then 'party-' || (1 + i %% %2$d) end,
                           case when i %% 10 < 7 then 'INTERNAL' when i %% 10 < 9 then 'ENTRUSTMENT' else 'CONSENT' end,
                           now(), 'bench'
                    from generate_series(1, %3$d) i""".formatted(systems, Math.max(10, systems / 5), pipelines));
            s.execute("""
                    insert into pipeline_field (pipeline_id, dataset_id, field_name)
                    select 'p' || i, 'sys' || (1 + (i::bigint * 104729) %% %1$d) || '.public.t' || (1 + i %% 20), 'c' || f
                    from generate_series(1, %2$d) i, generate_series(2, 4) f""".formatted(systems, pipelines));
            s.execute("""
                    insert into pipeline_purpose (pipeline_id, category, purpose) select id, 'customer', 'service' from pipeline""");
            s.execute("analyze");
        }
    }

    static void measure(String base, int systems, int queries) throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var random = new Random(42);
        var kinds = new java.util.LinkedHashMap<String, java.util.function.IntFunction<String>>();
        kinds.put("by dataset", i -> "/api/flows?dataset=sys" + (1 + random.nextInt(systems)) + ".public.t" + (1 + random.nextInt(20)));
        kinds.put("by system", i -> "/api/flows?system=sys" + (1 + random.nextInt(systems)));
        kinds.put("by system + item", i -> "/api/flows?system=sys" + (1 + random.nextInt(systems)) + "&item=email");
        kinds.put("by system, sensitive", i -> "/api/flows?system=sys" + (1 + random.nextInt(systems)) + "&sensitive=true");
        kinds.put("by dataset + subject, 6 hops", i -> "/api/flows?dataset=sys" + (1 + random.nextInt(systems)) + ".public.t"
                + (1 + random.nextInt(20)) + "&subject=customer&maxHops=6");
        System.out.printf("%nmulti-hop flow queries over REST (%d per kind after 20 warm-up; latency in ms):%n", queries);
        for (var kind : kinds.entrySet()) {
            for (int i = 0; i < 20; i++) {
                get(http, base + kind.getValue().apply(i));
            }
            var times = new ArrayList<Double>();
            long paths = 0;
            for (int i = 0; i < queries; i++) {
                long t = System.nanoTime();
                String body = get(http, base + kind.getValue().apply(i));
                times.add((System.nanoTime() - t) / 1e6);
                paths += body.split("\"nodes\"", -1).length - 1;
            }
            times.sort(null);
            System.out.printf("  %-30s p50 %6.1f  p95 %6.1f  p99 %6.1f  max %6.1f   (%.1f paths per answer)%n", kind.getKey(),
                    pct(times, 50), pct(times, 95), pct(times, 99), times.getLast(), paths / (double) queries);
        }
    }

    /**
     * Flow queries over REST while classifications and pipelines change at a steady rate (each change its own
     * transaction, as the inventory's ingest makes them): a classification of a field some pipeline reads flips between
     * two items, or a pipeline gains or loses a field. Latency percentiles and the worst query, against the 50 ms p99 and
     * 200 ms ceiling of issue 15; how many changes were made and how the graph followed them (updates, whole builds).
     */
    static void underChange(String base, javax.sql.DataSource db, jp.daicho.inventory.flows.FlowQueries flows, int systems,
                            int pipelines, int queries, int changeRate) throws Exception {
        var http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var made = new java.util.concurrent.atomic.AtomicLong();
        var failed = new java.util.concurrent.atomic.AtomicLong();
        var changer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
        var random = new Random(7);
        try (Connection c = db.getConnection();
             var flip = c.prepareStatement("update field_classification set item = case when item = 'email' then 'phone' else 'email' end"
                     + " where dataset_id = ? and field_name = ?");
             var add = c.prepareStatement("insert into pipeline_field (pipeline_id, dataset_id, field_name) values (?, ?, 'c5')"
                     + " on conflict do nothing");
             var remove = c.prepareStatement("delete from pipeline_field where pipeline_id = ? and field_name = 'c5'")) {
            changer.scheduleAtFixedRate(() -> {
                try {
                    int i = 1 + random.nextInt(pipelines);
                    String dataset = "sys" + (1 + (i * 104729L) % systems) + ".public.t" + (1 + i % 20);
                    switch (random.nextInt(3)) {
                        case 0 -> {
                            flip.setString(1, dataset);
                            flip.setString(2, "c" + (2 + random.nextInt(3)));
                            flip.executeUpdate();
                        }
                        case 1 -> {
                            add.setString(1, "p" + i);
                            add.setString(2, dataset);
                            add.executeUpdate();
                        }
                        default -> {
                            remove.setString(1, "p" + i);
                            remove.executeUpdate();
                        }
                    }
                    made.incrementAndGet();
                } catch (java.sql.SQLException e) {
                    failed.incrementAndGet();
                }
            }, 0, 1_000_000 / changeRate, java.util.concurrent.TimeUnit.MICROSECONDS);
            var before = flows.graphStats();
            var queryRandom = new Random(42);
            var times = new ArrayList<Double>();
            long started = System.nanoTime();
            for (int i = 0; i < queries; i++) {
                String url = switch (i % 3) {
                    case 0 -> "/api/flows?system=sys" + (1 + queryRandom.nextInt(systems));
                    case 1 -> "/api/flows?dataset=sys" + (1 + queryRandom.nextInt(systems)) + ".public.t" + (1 + queryRandom.nextInt(20));
                    default -> "/api/flows?system=sys" + (1 + queryRandom.nextInt(systems)) + "&item=email";
                };
                long t = System.nanoTime();
                get(http, base + url);
                times.add((System.nanoTime() - t) / 1e6);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            changer.shutdownNow();
            changer.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
            var after = flows.graphStats();
            times.sort(null);
            System.out.printf("%nflow queries over REST while %d changes/s arrive (%d queries in %.1f s; latency in ms):%n",
                    changeRate, queries, seconds);
            System.out.printf("  p50 %6.1f  p95 %6.1f  p99 %6.1f  max %6.1f   (targets: p99 <= 50, max <= 200)%n",
                    pct(times, 50), pct(times, 95), pct(times, 99), times.getLast());
            System.out.printf("  %,d changes made (%.0f/s, %d failed); the graph followed them in %,d updates and %d whole builds%n",
                    made.get(), made.get() / seconds, failed.get(), after.updates() - before.updates(),
                    after.rebuilds() - before.rebuilds());
        }
    }

    /** The same query kinds without HTTP: the SQL's own share of the latency. */
    static void direct(jp.daicho.inventory.flows.FlowQueries flows, int systems, int queries) {
        var random = new Random(7);
        System.out.printf("%nthe same queries in process, without HTTP (ms):%n");
        for (String kind : List.of("by dataset", "by system")) {
            var times = new ArrayList<Double>();
            for (int i = 0; i < queries + 20; i++) {
                String system = "sys" + (1 + random.nextInt(systems));
                var filter = kind.equals("by dataset")
                        ? new jp.daicho.inventory.flows.FlowQueries.Filter(null, null, null, system + ".public.t" + (1 + random.nextInt(20)), null)
                        : new jp.daicho.inventory.flows.FlowQueries.Filter(null, null, null, null, system);
                long t = System.nanoTime();
                flows.paths(filter, 4);
                if (i >= 20) {
                    times.add((System.nanoTime() - t) / 1e6);
                }
            }
            times.sort(null);
            System.out.printf("  %-30s p50 %6.1f  p95 %6.1f  p99 %6.1f%n", kind, pct(times, 50), pct(times, 95), pct(times, 99));
        }
    }

    /** The in-memory walk against the database: the systems and parties reached within 4 hops, counted in SQL. */
    static void check(jp.daicho.inventory.flows.FlowQueries flows, Connection c, int systems) throws Exception {
        String sql = """
                with recursive reach (node, depth) as (
                    select distinct coalesce('system:' || p.destination_system, 'party:' || p.destination_party), 1
                    from dataset d join pipeline_field pf on pf.dataset_id = d.id join pipeline p on p.id = pf.pipeline_id
                    where d.system_name = ? and exists (select 1 from field_classification f where f.dataset_id = pf.dataset_id
                        and f.field_name = pf.field_name and f.item <> 'none')
                  union
                    select distinct coalesce('system:' || p.destination_system, 'party:' || p.destination_party), r.depth + 1
                    from reach r join dataset d on r.node = 'system:' || d.system_name
                    join pipeline_field pf on pf.dataset_id = d.id join pipeline p on p.id = pf.pipeline_id
                    where r.depth < 4 and exists (select 1 from field_classification f where f.dataset_id = pf.dataset_id
                        and f.field_name = pf.field_name and f.item <> 'none')
                )
                select count(distinct node) from reach where node <> 'system:' || ?
                """;
        int agree = 0;
        var random = new Random(3);
        for (int i = 0; i < 5; i++) {
            String system = "sys" + (1 + random.nextInt(systems));
            long expected;
            try (var s = c.prepareStatement(sql)) {
                s.setString(1, system);
                s.setString(2, system);
                try (var rs = s.executeQuery()) {
                    rs.next();
                    expected = rs.getLong(1);
                }
            }
            long walked = flows.paths(new jp.daicho.inventory.flows.FlowQueries.Filter(null, null, null, null, system), 4).stream()
                    .map(p -> p.nodes().getLast()).filter(n -> !n.equals("system:" + system)).distinct().count();
            agree += expected == walked ? 1 : 0;
            System.out.printf("  check %s: %d systems and parties reached in SQL, %d by the walk%n", system, expected, walked);
        }
        System.out.printf("  %d of 5 answers agree with the database%n", agree);
    }

    static void export(String base) throws Exception {
        var http = HttpClient.newHttpClient();
        for (String format : List.of("csv", "xlsx")) {
            System.gc();
            long t = System.nanoTime();
            var memory = java.lang.management.ManagementFactory.getMemoryMXBean();
            long[] peak = {0};
            var sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak[0] = Math.max(peak[0], memory.getHeapMemoryUsage().getUsed());
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            var response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/ledger?format=" + format))
                    .header("Authorization", DemoUsers.basic("auditor")).build(), HttpResponse.BodyHandlers.ofInputStream());
            long bytes = 0;
            long lines = 0;
            try (InputStream in = response.body()) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    bytes += n;
                    for (int i = 0; i < n; i++) {
                        lines += buffer[i] == '\n' ? 1 : 0;
                    }
                }
            }
            sampler.interrupt();
            System.out.printf("%nledger export %s: HTTP %d, %,d bytes%s in %.1f s; heap of the whole JVM at most %,d MB (-Xmx %,d MB)%n",
                    format, response.statusCode(), bytes, format.equals("csv") ? String.format(" (%,d rows)", lines - 1) : "",
                    (System.nanoTime() - t) / 1e9, peak[0] >> 20, Runtime.getRuntime().maxMemory() >> 20);
        }
    }

    static String get(HttpClient http, String url) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", DemoUsers.basic("auditor")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private InventoryBenchmark() {
    }
}
