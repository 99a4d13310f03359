package jp.daicho.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;

/**
 * Marks an integration test that runs on {@link Infrastructure#shared()}. With
 * {@code -Ddaicho.it.infra=containers} and no Docker engine, the whole class is reported skipped with
 * the reason before anything starts; it never passes silently.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(UsesRealInfrastructure.Condition.class)
public @interface UsesRealInfrastructure {

    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String choice = System.getProperty(Infrastructure.PROPERTY, "embedded");
            if (!choice.equals("containers")) {
                return ConditionEvaluationResult.enabled("embedded Kafka and PostgreSQL");
            }
            return DockerClientFactory.instance().isDockerAvailable()
                    ? ConditionEvaluationResult.enabled("Kafka and PostgreSQL containers")
                    : ConditionEvaluationResult.disabled("-Ddaicho.it.infra=containers needs a Docker engine and none "
                            + "is reachable here; run without it to use the embedded Kafka and PostgreSQL");
        }
    }
}
