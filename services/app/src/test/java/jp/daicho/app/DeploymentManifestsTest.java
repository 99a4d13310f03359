package jp.daicho.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Issue 15: the deployment files are checked here, without Docker or a cluster. {@code infra/compose.yaml} against the
 * Compose Specification's schema; {@code infra/k8s} read as Kubernetes API objects (fabric8's model of the Kubernetes
 * API, where a field Kubernetes does not define is kept aside and reported here); and both for what running Daichō
 * needs: every service, its probes on the actuator's paths and its port, resources, a disruption budget, settings that
 * the service really reads, and references to ConfigMap and Secret keys that exist.
 */
class DeploymentManifestsTest {

    static final Path INFRA = Path.of("../../infra");
    static final Path SERVICES = Path.of("..");
    static final List<String> DAICHO = List.of("inventory", "ledger", "console", "classifier", "capture");
    static final YAMLMapper yaml = YAMLMapper.builder().build();
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of("Deployment", Deployment.class,
            "Service", Service.class, "PodDisruptionBudget", PodDisruptionBudget.class, "ConfigMap", ConfigMap.class);

    // --- Compose ---

    /**
     * The Compose schema as vendored, read as the draft it is written in: it names its parts with draft-04's
     * {@code id} (which the validator refuses under the 2019-09 {@code $schema} it declares) and uses nothing later.
     * Formats are annotations, as the specification has them by default: Compose's durations ({@code 10s}) are Go's,
     * not the ISO 8601 ones a {@code duration} format would assert.
     */
    static Schema composeSchema() throws IOException {
        var schema = (tools.jackson.databind.node.ObjectNode) yaml.readTree(INFRA.resolve("schema/compose-spec.json").toFile());
        schema.put("$schema", "http://json-schema.org/draft-04/schema#");
        return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4, registry -> registry.schemaRegistryConfig(
                        com.networknt.schema.SchemaRegistryConfig.builder().formatAssertionsEnabled(false).build()))
                .getSchema(com.networknt.schema.SchemaLocation.of("https://daicho.example/compose-spec.json"), schema);
    }

    @Test
    void composeFollowsTheComposeSpecificationAndAMistakeInItWouldBeFound() throws IOException {
        String compose = Files.readString(INFRA.resolve("compose.yaml"), StandardCharsets.UTF_8);
        var schema = composeSchema();
        assertThat(schema.validate(compose, InputFormat.YAML)).isEmpty();
        String misspelt = compose.replaceFirst("    environment:\n      KAFKA_BOOTSTRAP_SERVERS: kafka:9092",
                "    enviroment:\n      KAFKA_BOOTSTRAP_SERVERS: kafka:9092");
        assertThat(misspelt).isNotEqualTo(compose);
        assertThat(schema.validate(misspelt, InputFormat.YAML)).extracting(Object::toString)
                .anyMatch(error -> error.contains("enviroment"));
    }

    @Test
    void composeRunsEveryServiceSignedInAsItsUsersWithTheLedgersKeysFromTheEnvironment() throws IOException {
        JsonNode services = yaml.readTree(INFRA.resolve("compose.yaml").toFile()).path("services");
        assertThat(services.propertyNames()).containsExactlyInAnyOrder("kafka", "postgres", "inventory", "ledger",
                "console", "classifier", "capture");
        String compose = Files.readString(INFRA.resolve("compose.yaml"), StandardCharsets.UTF_8);
        var required = Pattern.compile("\\$\\{([A-Z_]+):\\?").matcher(compose).results().map(m -> m.group(1)).distinct().toList();
        assertThat(required).as("what compose refuses to start without").contains("POSTGRES_PASSWORD",
                "DAICHO_LEDGER_PSEUDONYM_KEY", "DAICHO_LEDGER_ENCRYPTION_KEY");
        assertThat(envFile(INFRA.resolve(".env.example")).keySet()).as("infra/.env.example lists each of them")
                .containsAll(required);
        var users = envFile(INFRA.resolve("users.env.example"));
        assertThat(users).as("an administrator among the users").containsValue("ADMIN");
        for (String service : DAICHO) {
            JsonNode it = services.path(service);
            assertThat(it.path("env_file").get(0).asString()).as(service).isEqualTo("users.env");
            String jar = it.path("volumes").get(0).asString().split(":")[0];
            assertThat(INFRA.resolve(jar).normalize().getParent().getParent().resolve("pom.xml")).as(service + "'s module")
                    .exists();
            assertThat(it.path("ports").get(0).asString()).as(service).isEqualTo(port(service) + ":" + port(service));
            var environment = new ArrayList<String>(it.path("environment").propertyNames());
            environment.addAll(users.keySet());
            assertThat(environment).as(service + " reads every setting it is given").allMatch(name -> readBy(service, name));
        }
        assertThat(services.at("/console/environment/DAICHO_URL").asString()).isEqualTo("http://inventory:" + port("inventory"));
        assertThat(services.at("/console/environment/DAICHO_LEDGER_URL").asString()).isEqualTo("http://ledger:" + port("ledger"));
        for (String key : List.of("DAICHO_LEDGER_PSEUDONYM_KEY", "DAICHO_LEDGER_ENCRYPTION_KEY", "DAICHO_LEDGER_KEY_ID")) {
            assertThat(services.at("/inventory/environment/" + key).asString()).as("the request register's %s is the ledger's", key)
                    .isEqualTo(services.at("/ledger/environment/" + key).asString());
        }
    }

    // --- Kubernetes ---

    /** Every object of the kustomization's resources, read as the Kubernetes API type its kind names. */
    static List<HasMetadata> kubernetesObjects() throws IOException {
        var objects = new ArrayList<HasMetadata>();
        for (JsonNode resource : yaml.readTree(INFRA.resolve("k8s/kustomization.yaml").toFile()).path("resources")) {
            objects.addAll(read(Files.readString(INFRA.resolve("k8s").resolve(resource.asString()), StandardCharsets.UTF_8)));
        }
        return objects;
    }

    static List<HasMetadata> read(String manifests) {
        var objects = new ArrayList<HasMetadata>();
        for (String document : manifests.split("(?m)^---\\s*$")) {
            JsonNode tree = yaml.readTree(document);
            if (tree == null || tree.isMissingNode() || tree.isNull()) {
                continue;
            }
            var type = KINDS.get(tree.path("kind").asString());
            assertThat(type).as("a kind this deployment uses: " + tree.path("kind")).isNotNull();
            objects.add(yaml.treeToValue(tree, type));
        }
        return objects;
    }

    @Test
    void theManifestsAreKubernetesObjectsWithNoFieldKubernetesDoesNotDefine() throws IOException {
        var objects = kubernetesObjects();
        for (var object : objects) {
            assertThat(unknownFields(object, object.getKind() + "/" + object.getMetadata().getName())).isEmpty();
        }
        String typo = Files.readString(INFRA.resolve("k8s/classifier.yaml"), StandardCharsets.UTF_8)
                .replace("  replicas: 2", "  replica: 2").replace("readinessProbe:", "readynessProbe:");
        var found = new ArrayList<String>();
        read(typo).forEach(object -> found.addAll(unknownFields(object, object.getKind())));
        assertThat(found).as("a misspelt field would be found").anyMatch(f -> f.endsWith("replica"))
                .anyMatch(f -> f.endsWith("readynessProbe"));
    }

    @Test
    void everyServiceIsDeployedWithProbesResourcesABudgetAndSettingsItReads() throws IOException {
        var objects = kubernetesObjects();
        var config = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().equals("daicho-config")).findFirst().orElseThrow();
        var secrets = envFile(INFRA.resolve("k8s/secrets.env.example")).keySet();
        assertThat(yaml.readTree(INFRA.resolve("k8s/kustomization.yaml").toFile()).at("/secretGenerator/0/name").asString())
                .isEqualTo("daicho-secrets");
        for (String service : DAICHO) {
            String name = "daicho-" + service;
            var deployment = one(objects, Deployment.class, name);
            var pod = deployment.getSpec().getTemplate();
            assertThat(pod.getMetadata().getLabels()).containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
            Container container = pod.getSpec().getContainers().getFirst();
            assertThat(container.getPorts()).singleElement().satisfies(p -> {
                assertThat(p.getContainerPort()).as(service + "'s port").isEqualTo(port(service));
                assertThat(p.getName()).isEqualTo("http");
            });
            probe(container.getLivenessProbe(), "/actuator/health/liveness");
            probe(container.getStartupProbe(), "/actuator/health/liveness");
            probe(container.getReadinessProbe(), "/actuator/health/readiness");
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKey("memory");
            assertThat(pod.getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
            for (var env : container.getEnv()) {
                assertThat(readBy(service, env.getName())).as(service + " reads " + env.getName()).isTrue();
                var from = env.getValueFrom();
                if (from != null && from.getConfigMapKeyRef() != null) {
                    assertThat(from.getConfigMapKeyRef().getName()).isEqualTo("daicho-config");
                    assertThat(config.getData()).as(env.getName()).containsKey(from.getConfigMapKeyRef().getKey());
                } else if (from != null && from.getSecretKeyRef() != null) {
                    assertThat(from.getSecretKeyRef().getName()).isEqualTo("daicho-secrets");
                    assertThat(secrets).as(env.getName()).contains(from.getSecretKeyRef().getKey());
                } else {
                    assertThat(env.getValue()).as(env.getName()).isNotBlank();
                }
            }
            var budget = one(objects, PodDisruptionBudget.class, name);
            assertThat(pod.getMetadata().getLabels()).containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
            var http = one(objects, Service.class, name);
            assertThat(pod.getMetadata().getLabels()).containsAllEntriesOf(http.getSpec().getSelector());
            assertThat(http.getSpec().getPorts().getFirst().getPort()).isEqualTo(port(service));
        }
        var capture = one(objects, Deployment.class, "daicho-capture");
        assertThat(capture.getSpec().getReplicas()).as("one capture per set of sources").isEqualTo(1);
        assertThat(capture.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        assertThat(capture.getSpec().getTemplate().getSpec().getVolumes()).as("no state kept by capture")
                .allMatch(v -> v.getEmptyDir() != null);
        assertThat(one(objects, PodDisruptionBudget.class, "daicho-capture").getSpec().getMaxUnavailable().getIntVal())
                .as("a lone pod may still be drained").isEqualTo(1);
        assertThat(config.getData().get("DAICHO_URL")).isEqualTo("http://daicho-inventory:" + port("inventory"));
    }

    static void probe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast).filter(o -> o.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    // --- what the services read ---

    static String settings(String service) {
        try {
            return Files.readString(SERVICES.resolve(service).resolve("src/main/resources/daicho-" + service + ".yml"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The service's HTTP port: the default of {@code server.port} in its settings. */
    static int port(String service) {
        var m = Pattern.compile("(?m)^server:\\n(?:  .*\\n)*?  port: \\$\\{[A-Z_]+:(\\d+)}").matcher(settings(service));
        assertThat(m.find()).as(service + "'s server.port").isTrue();
        return Integer.parseInt(m.group(1));
    }

    /**
     * Whether the service reads an environment variable: one its settings name ({@code ${NAME:…}}), or the environment
     * form of a property it binds (Spring's, the users', capture's sources, the inventory's lookup sources), or the JVM's own.
     */
    static boolean readBy(String service, String variable) {
        return settings(service).contains("${" + variable + ":") || variable.startsWith("SPRING_")
                || variable.startsWith("DAICHO_SECURITY_USERS_") || variable.equals("JAVA_TOOL_OPTIONS")
                || service.equals("capture") && variable.startsWith("DAICHO_CAPTURE_SOURCES_")
                || service.equals("inventory") && variable.startsWith("DAICHO_REQUESTS_LOOKUP_SOURCES_");
    }

    static Map<String, String> envFile(Path file) throws IOException {
        var properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        var entries = new LinkedHashMap<String, String>();
        properties.forEach((key, value) -> entries.put(key.toString(), value.toString()));
        return entries;
    }

    /**
     * The fields of a Kubernetes object, down its whole tree, that its API type does not define: fabric8's types keep
     * them in {@code additionalProperties} instead of refusing them.
     */
    static List<String> unknownFields(Object object, String path) {
        var found = new ArrayList<String>();
        unknownFields(object, path, found, new java.util.IdentityHashMap<>());
        return found;
    }

    private static void unknownFields(Object object, String path, List<String> found, Map<Object, Boolean> seen) {
        if (object == null || seen.put(object, true) != null) {
            return;
        }
        if (object instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", found, seen);
            }
            return;
        }
        if (object instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, found, seen));
            return;
        }
        if (!object.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : object.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(object);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(getter.toString(), e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra) {
                    extra.keySet().forEach(key -> found.add(path + "." + key));
                }
            } else {
                String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                unknownFields(value, path + "." + field, found, seen);
            }
        }
    }
}
