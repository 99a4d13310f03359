package jp.daicho.subjects;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps data subjects findable without spreading their identifiers: a keyed pseudonym (HMAC-SHA-256 of the
 * subject key, full-width/half-width and spacing normalised) to look records up by, and the identifying
 * items sealed with AES-256-GCM to disclose them to that person on request (Art. 33(5)). The ledger's provision
 * records and the inventory's request register use the same keys, so a person's request finds their records.
 */
public class SubjectVault {

    /** Sealed identifying items and the key that sealed them. */
    public record Sealed(String cipher, String keyId) {
    }

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey pseudonymKey;
    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String active;
    private final SecureRandom random = new SecureRandom();
    private final JsonMapper json = JsonMapper.builder().build();
    private final ThreadLocal<Mac> macs;
    private final ThreadLocal<Cipher> ciphers = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    public SubjectVault(KeysProperties properties) {
        byte[] pseudonym = decode("daicho.ledger.keys.pseudonym", properties.pseudonym());
        if (pseudonym.length < 32) {
            throw new IllegalStateException("daicho.ledger.keys.pseudonym must be at least 32 bytes (base64); "
                    + "generate one with: openssl rand -base64 32");
        }
        pseudonymKey = new SecretKeySpec(pseudonym, "HmacSHA256");
        properties.encryption().forEach((id, value) -> {
            if (value == null || value.isBlank()) {
                return; // a key slot left empty by the environment
            }
            byte[] key = decode("daicho.ledger.keys.encryption." + id, value);
            if (key.length != 32) {
                throw new IllegalStateException("daicho.ledger.keys.encryption." + id + " must be a 32-byte AES-256 key (base64)");
            }
            keys.put(id, new SecretKeySpec(key, "AES"));
        });
        if (properties.active() == null || !keys.containsKey(properties.active())) {
            throw new IllegalStateException("daicho.ledger.keys.active must name one of daicho.ledger.keys.encryption "
                    + keys.keySet() + ": the key that seals new records");
        }
        active = properties.active();
        macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(pseudonymKey);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static byte[] decode(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: the ledger needs its keys "
                    + "(docs/ledger.md, 'Keys'); generate one with: openssl rand -base64 32");
        }
        try {
            return Base64.getDecoder().decode(value.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not base64");
        }
    }

    /** The pseudonym records of this data subject are found by. */
    public String pseudonym(String subjectKey) {
        String normalized = Normalizer.normalize(subjectKey, Normalizer.Form.NFKC).strip();
        return HexFormat.of().formatHex(macs.get().doFinal(normalized.getBytes(StandardCharsets.UTF_8)));
    }

    /** Seals the subject's key and identifying items with the active key. */
    public Sealed seal(String subjectKey, Map<String, String> items) {
        var content = new LinkedHashMap<String, Object>();
        content.put("subjectKey", subjectKey);
        content.put("items", items);
        byte[] plain = json.writeValueAsBytes(content);
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(active), new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain);
            return new Sealed(Base64.getEncoder().encodeToString(ByteBuffer.allocate(iv.length + sealed.length)
                    .put(iv).put(sealed).array()), active);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not seal a data subject's items", e);
        }
    }

    /** What a sealed record holds: the subject's key and identifying items. */
    public record Opened(String subjectKey, Map<String, String> items) {
    }

    /** The identifying items of a sealed record, for a disclosure to that person. */
    public Map<String, String> open(Sealed sealed) {
        return unseal(sealed).items();
    }

    /** The subject's key and items of a sealed record. */
    @SuppressWarnings("unchecked")
    public Opened unseal(Sealed sealed) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("The record was sealed with key '" + sealed.keyId()
                    + "', which daicho.ledger.keys.encryption no longer lists; add it back to read the record");
        }
        byte[] all = Base64.getDecoder().decode(sealed.cipher());
        try {
            Cipher cipher = ciphers.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, all, 0, IV_BYTES));
            byte[] plain = cipher.doFinal(all, IV_BYTES, all.length - IV_BYTES);
            Map<String, Object> content = json.readValue(plain, new TypeReference<Map<String, Object>>() { });
            return new Opened((String) content.get("subjectKey"), (Map<String, String>) content.get("items"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed record does not open with key '" + sealed.keyId()
                    + "': it was altered, or the key is not the one that sealed it", e);
        }
    }
}
