package jp.daicho.inventory.ledger;

import java.util.List;

/**
 * One line of the personal-information ledger (個人情報管理台帳): one dataset and one category of data subject, with
 * what is held, why, where, who can reach it, how long, and where it goes — the items JIS Q 15001 (A.3.3.1) asks of it.
 * What Daichō observes (items, purposes, destinations, the number of records) sits beside what the DPO records by hand
 * ({@code PUT /api/ledger/entries/{dataset}}: acquisition, persons, medium, place, use period, retention, disposal,
 * manager, access).
 *
 * @param sensitive  holds 要配慮個人情報 in the statute's sense (APPI Art. 2(3))
 * @param specialCare holds special-care information (機微, the financial-sector guidelines: 要配慮 with union membership,
 *                   family origin and registered domicile, and sex life)
 * @param access     who has access, as recorded; {@link LedgerExport#NOT_RECORDED} until it is
 * @param records    the rows the source's statistics estimate the table holds; null when capture has no estimate
 * @param persons    how many persons it is about, as the DPO recorded it (rows are not always persons)
 * @param goesTo     our systems the data is copied to by pipelines (observed)
 */
public record LedgerRow(String datasetId, String system, String ownerDepartment, String storageCountry,
                        String category, String categoryLabel, List<String> items, boolean sensitive, boolean specialCare,
                        int fieldCount,
                        List<String> purposes, String access, String retention, String provisions, String entrustments,
                        String jointUse, String acquisitionMethod, Long records, Long persons, String storageMedium,
                        String storagePlace, String usePeriod, String disposalMethod, String manager, String goesTo) {

    /** Column headers in Japanese, as the ledger is kept in Japan (with the English in parentheses). */
    static final List<String> HEADERS_JA = List.of("データセット (dataset)", "システム (system)", "管理部署 (owner department)",
            "保管国 (storage country)", "本人の区分 (category)", "区分名", "個人情報の項目 (items)", "要配慮個人情報 (sensitive)",
            "機微情報 (special care)",
            "項目数 (fields)", "利用目的 (purposes)", "アクセス権者 (access)", "保存期間 (retention)",
            "第三者提供 (provisions)", "委託 (entrustments)", "共同利用 (joint use)", "取得方法 (acquisition)",
            "件数・推定 (records, estimated)", "本人の数 (persons)", "保管媒体 (storage medium)", "保管場所 (storage place)",
            "利用期間 (use period)", "廃棄方法 (disposal)", "管理責任者 (manager)", "社内の複製先 (copied to)");

    List<String> cells() {
        return List.of(datasetId, system, nz(ownerDepartment), nz(storageCountry), category, categoryLabel,
                String.join("、", items), sensitive ? "あり" : "なし", specialCare ? "あり" : "なし", Integer.toString(fieldCount), String.join("／", purposes),
                nz(access), nz(retention), nz(provisions), nz(entrustments), nz(jointUse), nz(acquisitionMethod),
                records == null ? "" : records.toString(), persons == null ? "" : persons.toString(), nz(storageMedium),
                nz(storagePlace), nz(usePeriod), nz(disposalMethod), nz(manager), nz(goesTo));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
