/** Where capture keeps each source's position: Connect's Kafka offset store, made to close what it opens. */
package jp.daicho.capture.offsets;
