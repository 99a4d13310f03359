package jp.daicho.vocabulary;

import java.util.HashMap;
import java.util.Map;

/** Each vocabulary's terms by code, built once per type: a lookup is a hash probe on every hot path (the ledger's). */
final class TermIndex {

    static final ClassValue<Map<String, Object>> BY_CODE = new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
            var byCode = new HashMap<String, Object>();
            for (Object term : type.getEnumConstants()) {
                byCode.put(((Term) term).code(), term);
            }
            return Map.copyOf(byCode);
        }
    };

    private TermIndex() {
    }
}
