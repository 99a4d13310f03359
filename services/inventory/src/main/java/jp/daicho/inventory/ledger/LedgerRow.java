package jp.daicho.inventory.ledger;

import java.util.List;

/**
 * One line of the personal-information ledger (個人情報管理台帳): one dataset and one category of data
 * subject, with what is held, why, where, who can reach it, how long, and where it goes.
 */
public record LedgerRow(String datasetId, String system, String ownerDepartment, String storageCountry,
                        String category, String categoryLabel, List<String> items, boolean sensitive, int fieldCount,
                        List<String> purposes, String access, String retention, String provisions, String entrustments,
                        String jointUse) {

    /** Column headers in Japanese, as the ledger is kept in Japan (with the English in parentheses). */
    static final List<String> HEADERS_JA = List.of("データセット (dataset)", "システム (system)", "管理部署 (owner department)",
            "保管国 (storage country)", "本人の区分 (category)", "区分名", "個人情報の項目 (items)", "要配慮個人情報 (sensitive)",
            "項目数 (fields)", "利用目的 (purposes)", "アクセス権者 (access)", "保存期間 (retention)",
            "第三者提供 (provisions)", "委託 (entrustments)", "共同利用 (joint use)");

    List<String> cells() {
        return List.of(datasetId, system, nz(ownerDepartment), nz(storageCountry), category, categoryLabel,
                String.join("、", items), sensitive ? "あり" : "なし", Integer.toString(fieldCount), String.join("／", purposes),
                nz(access), nz(retention), nz(provisions), nz(entrustments), nz(jointUse));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
