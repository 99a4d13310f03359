package jp.daicho.embedded;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker in this JVM (Kafka's own {@link KafkaClusterTestKit}: one combined
 * broker + controller). Replication factors of the internal topics are 1 because there is one node.
 * Its log directory is temporary and deleted on {@link #close()}, or, with {@link #start(Path)}, kept in a directory
 * of the caller's, where the next start finds its topics, records and consumer offsets again.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    /** The user a client of {@link #startWithSasl()} signs in as (the test kit's administrator). */
    public static final String SASL_USER = "plain-admin";
    public static final String SASL_PASSWORD = "plain-admin-secret";

    private final KafkaClusterTestKit cluster;
    private final Map<String, String> clientProperties;

    private EmbeddedKafka(KafkaClusterTestKit cluster, Map<String, String> clientProperties) {
        this.cluster = cluster;
        this.clientProperties = clientProperties;
    }

    public static EmbeddedKafka start() {
        return start(SecurityProtocol.PLAINTEXT, null, 0);
    }

    /**
     * A broker whose logs live in {@code directory} and stay there: formatted on the first start (its cluster id kept
     * in {@code cluster.id}), resumed on every later one.
     */
    public static EmbeddedKafka start(Path directory) {
        return start(SecurityProtocol.PLAINTEXT, directory, 0);
    }

    /**
     * The same, its broker listening on {@code port} (0: any free one), so that a broker stopped and started again on
     * the same directory is where its clients left it (the chaos runs' outages).
     */
    public static EmbeddedKafka start(Path directory, int port) {
        return start(SecurityProtocol.PLAINTEXT, directory, port);
    }

    /**
     * A broker whose clients must sign in (SASL_PLAINTEXT, mechanism PLAIN, as {@link #SASL_USER}) and are authorized
     * by Kafka's StandardAuthorizer, as a company's Kafka would have them; {@link #clientProperties()} says how. The
     * test kit sets the JVM's JAAS configuration for the broker's side.
     */
    public static EmbeddedKafka startWithSasl() {
        return start(SecurityProtocol.SASL_PLAINTEXT, null, 0);
    }

    private static EmbeddedKafka start(SecurityProtocol protocol, Path directory, int port) {
        long started = System.nanoTime();
        try {
            var nodesBuilder = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBrokerSecurityProtocol(protocol)
                    .setControllerSecurityProtocol(protocol);
            boolean formatted = false;
            Path clusterId = null;
            if (directory != null) {
                Files.createDirectories(directory);
                clusterId = directory.resolve("cluster.id");
                // Written once the logs are formatted: a start that failed before that formats again.
                formatted = Files.exists(clusterId);
                nodesBuilder.setBaseDirectory(directory)
                        .setClusterId(formatted ? Files.readString(clusterId).strip() : Uuid.randomUuid().toString());
            }
            var nodes = nodesBuilder.build();
            var builder = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "true")
                    .setConfigProp("num.partitions", "1");
            listenOnLoopbackOnly(builder, nodes, port);
            if (directory != null) {
                builder.setDeleteOnClose(false);
            }
            var cluster = builder.build();
            if (!formatted) {
                cluster.format();
                if (clusterId != null) {
                    Files.writeString(clusterId, nodes.clusterId());
                }
            }
            cluster.startup();
            cluster.waitForReadyBrokers();
            log.info("Embedded KRaft Kafka ({}) ready at {} in {} ms", protocol, cluster.bootstrapServers(),
                    (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedKafka(cluster, protocol == SecurityProtocol.PLAINTEXT ? Map.of() : Map.of(
                    "security.protocol", protocol.name,
                    "sasl.mechanism", "PLAIN",
                    "sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                            + SASL_USER + "\" password=\"" + SASL_PASSWORD + "\";"));
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the embedded Kafka broker" + (directory == null ? "" : " in "
                    + directory + " (start over with --fresh if its data is not needed)") + ": " + e.getMessage(), e);
        }
    }

    /**
     * The test kit binds each listener's socket before the broker starts, on every interface (its listeners say
     * {@code localhost}, but the socket it pre-binds is the wildcard address), which would let anyone on the network
     * reach this unauthenticated broker. So the sockets are bound here first, on the loopback address, and handed to the
     * kit's socket manager, which then uses them. {@code EmbeddedInfrastructureIT} fails if this stops holding.
     */
    private static void listenOnLoopbackOnly(KafkaClusterTestKit.Builder builder, TestKitNodes nodes, int brokerPort)
            throws Exception {
        var managerField = KafkaClusterTestKit.Builder.class.getDeclaredField("socketFactoryManager");
        managerField.setAccessible(true);
        Object manager = managerField.get(builder);
        var socketsField = manager.getClass().getDeclaredField("sockets");
        socketsField.setAccessible(true);
        @SuppressWarnings("unchecked")
        var sockets = (Map<Integer, Map<String, java.nio.channels.ServerSocketChannel>>) socketsField.get(manager);
        var ids = new java.util.TreeSet<>(nodes.brokerNodes().keySet());
        ids.addAll(nodes.controllerNodes().keySet());
        for (int id : ids) {
            for (var listener : java.util.List.of(nodes.brokerListenerName(), nodes.controllerListenerName())) {
                // Opened as Kafka's own socket factory opens them (non-blocking), only not on the wildcard address.
                var channel = java.nio.channels.ServerSocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
                int port = listener.equals(nodes.brokerListenerName()) ? brokerPort : 0;
                channel.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
                sockets.computeIfAbsent(id, k -> new java.util.HashMap<>()).put(listener.value(), channel);
            }
        }
    }

    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /** What a client needs beyond the bootstrap servers: nothing, or how to sign in to a SASL broker. */
    public Map<String, String> clientProperties() {
        return clientProperties;
    }

    public Admin admin() {
        var config = new java.util.HashMap<String, Object>(clientProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(config);
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (Exception e) {
            log.warn("Embedded Kafka did not stop cleanly: {}", e.toString());
        }
    }
}
