package jp.daicho.inventory.readers;

import java.util.List;

/** The company's Kafka consumer groups, other than Daichō's own, with the topics each reads ({@code ingest/} asks Kafka). */
public interface ConsumerGroups {

    List<ObservedReader> scan() throws Exception;
}
