/**
 * Capture: Debezium's embedded engine on each configured source database ({@code source/} holds the
 * configuration, {@code engine/} runs the engines and publishes to Kafka). Offsets are durable files; the
 * change-event topics are created with a short retention because they carry row values.
 */
package jp.daicho.capture;
