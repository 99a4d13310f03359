package jp.daicho.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EmbeddedInfrastructureIT {

    @Test
    void kafkaCarriesJapaneseRecordsAndPostgresRunsWithLogicalDecoding() throws Exception {
        try (var kafka = EmbeddedKafka.start(); var postgres = EmbeddedPostgres.start()) {
            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("smoke", "鍵", "台帳")).get();
            }
            try (var consumer = new KafkaConsumer<String, String>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "smoke",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new StringDeserializer())) {
                consumer.subscribe(List.of("smoke"));
                var values = new java.util.ArrayList<String>();
                long deadline = System.currentTimeMillis() + 30_000;
                while (values.isEmpty() && System.currentTimeMillis() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
                }
                assertThat(values).containsExactly("台帳");
            }

            postgres.createDatabase("smoke_db");
            try (var c = postgres.dataSource("smoke_db").getConnection(); var s = c.createStatement()) {
                var rs = s.executeQuery("show wal_level");
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("logical");
                rs = s.executeQuery("select '氏名'::text");
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("氏名");
            }

            // Issue 13: both listen on this machine only, never on its network addresses.
            int kafkaPort = Integer.parseInt(kafka.bootstrapServers().replaceAll(".*:", ""));
            for (var address : networkAddresses()) {
                for (int port : List.of(kafkaPort, postgres.port())) {
                    assertThat(accepts(address, port)).as("%s:%d accepts connections", address, port).isFalse();
                }
            }
            for (int port : List.of(kafkaPort, postgres.port())) {
                assertThat(accepts(java.net.InetAddress.getLoopbackAddress(), port)).isTrue();
            }
        }
    }

    @Test
    void mariaDbKeepsARowBinaryLogEnforcesGrantsAndListensOnLoopbackOnly() throws Exception {
        try (var mariadb = EmbeddedMariaDb.start()) {
            mariadb.createDatabase("smoke_shop");
            try (var c = mariadb.connect("smoke_shop"); var s = c.createStatement()) {
                var rs = s.executeQuery("select @@log_bin, @@binlog_format, @@binlog_row_image, @@character_set_server");
                rs.next();
                assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                        .containsExactly("1", "ROW", "FULL", "utf8mb4");
                s.execute("create table 会員 (id int primary key, 氏名 varchar(40))");
                s.execute("insert into 会員 values (1, '山田太郎')");
                rs = s.executeQuery("select 氏名 from 会員");
                rs.next();
                assertThat(rs.getString(1)).isEqualTo("山田太郎");
            }
            org.assertj.core.api.Assertions.assertThatExceptionOfType(java.sql.SQLException.class).as("a wrong password is refused")
                    .isThrownBy(() -> java.sql.DriverManager.getConnection(mariadb.jdbcUrl("smoke_shop"), EmbeddedMariaDb.ADMIN, "wrong"))
                    .satisfies(e -> assertThat(e.getSQLState()).isEqualTo("28000"));
            for (var address : networkAddresses()) {
                assertThat(accepts(address, mariadb.port())).as("%s:%d accepts connections", address, mariadb.port()).isFalse();
            }
            assertThat(accepts(java.net.InetAddress.getLoopbackAddress(), mariadb.port())).isTrue();
        }
    }

    /** This machine's non-loopback addresses (none on a machine without a network: nothing to check then). */
    static List<java.net.InetAddress> networkAddresses() throws Exception {
        return java.net.NetworkInterface.networkInterfaces().filter(i -> {
            try {
                return i.isUp() && !i.isLoopback();
            } catch (java.net.SocketException e) {
                return false;
            }
        }).flatMap(java.net.NetworkInterface::inetAddresses).filter(a -> !a.isLinkLocalAddress()).toList();
    }

    static boolean accepts(java.net.InetAddress address, int port) {
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(address, port), 2000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
