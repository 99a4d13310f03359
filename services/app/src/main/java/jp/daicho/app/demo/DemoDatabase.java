package jp.daicho.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo source database: creates the schema of a fictitious Japanese service company, seeds it, and
 * keeps changing it (new members, orders, rank changes, applicants) so that capture has something to
 * stream. Logs counts only, never the generated values.
 */
public final class DemoDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoDatabase.class);
    public static final int TABLES = 7;

    private final DataSource dataSource;
    private final DemoPeople people = new DemoPeople(20261122L);
    private final AtomicLong changes = new AtomicLong();
    private ScheduledExecutorService generator;

    public DemoDatabase(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates and seeds the demo tables; a database an earlier run created is kept as it is (its rows go on changing). */
    public void createAndSeed() {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement()) {
            try (var rs = s.executeQuery("select to_regclass('public.members') is not null")) {
                rs.next();
                if (rs.getBoolean(1)) {
                    log.info("Demo database kept from an earlier run");
                    return;
                }
            }
            s.execute(resource("/demo/schema.sql"));
            // Two login roles that can read members (without a password: they cannot sign in). The CRM's sync job is
            // named by its pipeline; the BI tool's is not, and the console's 未登録の流れ shows it (docs/readers.md).
            for (String role : java.util.List.of("demo_crm_sync", "demo_bi_reader")) {
                s.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + role + "') then "
                        + "create role " + role + " login; end if; end $$");
            }
            s.execute("grant select on members to demo_crm_sync");
            s.execute("grant select on members, orders to demo_bi_reader");
            for (int i = 0; i < 60; i++) {
                addMember(c);
            }
            seedProducts(c);
            for (int i = 0; i < 6; i++) {
                addPartnerContact(c);
            }
            for (int i = 0; i < 25; i++) {
                addEmployee(c, i + 1);
            }
            for (int i = 1; i <= 25; i++) {
                addCheckup(c, i);
            }
            for (int i = 0; i < 8; i++) {
                addApplicant(c);
            }
            for (int i = 0; i < 40; i++) {
                addOrder(c);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the demo database: " + e.getMessage(), e);
        }
        log.info("Demo database created: {} tables seeded", TABLES);
    }

    /** Starts the background changes: one small transaction every {@code periodMillis}. */
    public void startChanges(long periodMillis) {
        generator = Executors.newSingleThreadScheduledExecutor(r -> {
            var t = new Thread(r, "demo-changes");
            t.setDaemon(true);
            return t;
        });
        generator.scheduleWithFixedDelay(this::changeSomething, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    public long changes() {
        return changes.get();
    }

    private void changeSomething() {
        try (Connection c = dataSource.getConnection()) {
            switch (people.between(0, 9)) {
                case 0, 1, 2 -> addMember(c);
                case 3, 4, 5, 6 -> addOrder(c);
                case 7 -> {
                    try (var s = c.prepareStatement("update members set 会員ランク = ? where id = ?")) {
                        s.setString(1, people.pick(new String[] {"basic", "silver", "gold"}));
                        s.setLong(2, people.between(1, 60));
                        s.executeUpdate();
                    }
                }
                case 8 -> addApplicant(c);
                default -> addCheckup(c, people.between(1, 25));
            }
            changes.incrementAndGet();
        } catch (SQLException e) {
            log.warn("Demo change failed: {}", e.getSQLState());
        }
    }

    private void addMember(Connection c) throws SQLException {
        var p = people.person();
        String[] address = people.address();
        try (PreparedStatement s = c.prepareStatement("""
                insert into members (会員番号, 氏名, フリガナ, email, 電話番号, 郵便番号, 住所, 生年月日, 性別)
                values ('M' || lpad(nextval('members_id_seq')::text, 7, '0'), ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            s.setString(1, p.name());
            s.setString(2, p.kana());
            s.setString(3, p.romaji() + people.between(1, 999) + "@example.jp");
            s.setString(4, people.mobile());
            s.setString(5, address[0]);
            s.setString(6, address[1]);
            s.setDate(7, Date.valueOf(people.birthDate()));
            s.setString(8, p.gender());
            s.executeUpdate();
        }
    }

    private void seedProducts(Connection c) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute("""
                    insert into products (name, category, price_yen) values
                      ('プレミアム会員年会費', 'サービス', 12000), ('クラウドストレージ 100GB', 'サービス', 980),
                      ('ワイヤレスイヤホン', '家電', 8800), ('保温タンブラー', '雑貨', 2400), ('技術書セット', '書籍', 6600)""");
        }
    }

    private void addOrder(Connection c) throws SQLException {
        try (var s = c.prepareStatement("""
                insert into orders (member_id, product_id, quantity, total_yen, payment_method)
                select m.id, p.id, ?, p.price_yen * ?, ? from
                  (select id from members order by random() limit 1) m, (select id, price_yen from products order by random() limit 1) p""")) {
            int quantity = people.between(1, 3);
            s.setInt(1, quantity);
            s.setInt(2, quantity);
            s.setString(3, people.pick(new String[] {"credit_card", "convenience_store", "bank_transfer"}));
            s.executeUpdate();
        }
    }

    private void addPartnerContact(Connection c) throws SQLException {
        var p = people.person();
        try (var s = c.prepareStatement(
                "insert into \"取引先担当者\" (会社名, 部署, 担当者名, メールアドレス, 電話番号) values (?, ?, ?, ?, ?)")) {
            s.setString(1, people.pick(DemoPeople.COMPANIES));
            s.setString(2, people.pick(DemoPeople.DEPARTMENTS));
            s.setString(3, p.name());
            s.setString(4, p.romaji() + "@partner.example.co.jp");
            s.setString(5, people.landline());
            s.executeUpdate();
        }
    }

    private void addEmployee(Connection c, int number) throws SQLException {
        var p = people.person();
        try (var s = c.prepareStatement("""
                insert into employees (employee_no, last_name, first_name, last_name_kana, first_name_kana, work_email,
                                       mobile_phone, department, hire_date) values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            s.setString(1, String.format("E%05d", number));
            s.setString(2, p.family());
            s.setString(3, p.given());
            s.setString(4, p.familyKana());
            s.setString(5, p.givenKana());
            s.setString(6, p.romaji() + "@corp.example.jp");
            s.setString(7, people.mobile());
            s.setString(8, people.pick(DemoPeople.DEPARTMENTS));
            s.setDate(9, Date.valueOf(people.birthDate().plusYears(22)));
            s.executeUpdate();
        }
    }

    private void addCheckup(Connection c, int employeeId) throws SQLException {
        try (var s = c.prepareStatement("""
                insert into health_checkups (employee_id, checkup_date, height_cm, weight_kg, blood_pressure, diagnosis, 既往歴)
                values (?, current_date - ?, ?, ?, ?, ?, ?)""")) {
            s.setInt(1, employeeId);
            s.setInt(2, people.between(0, 300));
            s.setBigDecimal(3, java.math.BigDecimal.valueOf(people.between(1500, 1850), 1));
            s.setBigDecimal(4, java.math.BigDecimal.valueOf(people.between(450, 900), 1));
            s.setString(5, people.between(100, 150) + "/" + people.between(60, 95));
            s.setString(6, people.pick(DemoPeople.DIAGNOSES));
            s.setString(7, people.pick(DemoPeople.HISTORY));
            s.executeUpdate();
        }
    }

    private void addApplicant(Connection c) throws SQLException {
        var p = people.person();
        try (var s = c.prepareStatement("""
                insert into job_applicants (name, name_kana, email, phone, birth_date, desired_position)
                values (?, ?, ?, ?, ?, ?)""")) {
            s.setString(1, p.name());
            s.setString(2, p.kana());
            s.setString(3, p.romaji() + people.between(1, 99) + "@mail.example.com");
            s.setString(4, people.mobile());
            s.setDate(5, Date.valueOf(people.birthDate().plusYears(20)));
            s.setString(6, people.pick(DemoPeople.POSITIONS));
            s.executeUpdate();
        }
    }

    private static String resource(String path) {
        try (InputStream in = DemoDatabase.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (generator != null) {
            generator.shutdownNow();
        }
    }
}
