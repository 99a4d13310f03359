/**
 * Embedded real infrastructure for the all-in-one launcher and the integration tests: a KRaft Kafka
 * broker in this JVM and a PostgreSQL server with logical decoding. Never a mock: both are the real servers.
 */
package jp.daicho.embedded;
