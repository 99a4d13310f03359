package jp.daicho.subjects;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code daicho.ledger.keys.*}: the ledger's secrets, from configuration (an environment variable or a
 * secret store in production; never in a committed file). The inventory's request register is given the same ones.
 *
 * @param pseudonym  base64 key (at least 32 bytes) of the HMAC-SHA-256 that turns a data subject's key into
 *                   the pseudonym records are found by; changing it makes earlier records unfindable by subject
 * @param encryption base64 AES-256 keys by id; records name the id they were sealed with, so old keys stay
 *                   listed for reading while {@code active} seals new records
 * @param active     the id of the key that seals new records
 */
@ConfigurationProperties("daicho.ledger.keys")
public record KeysProperties(String pseudonym, @DefaultValue Map<String, String> encryption, String active) {

    /** Whether the keys are given at all (the inventory runs without them; its request register then refuses). */
    public boolean configured() {
        return pseudonym != null && !pseudonym.isBlank();
    }
}
