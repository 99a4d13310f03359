package jp.daicho.inventory.incidents;

import java.security.Principal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import jp.daicho.inventory.incidents.Incident.IncidentChange;
import jp.daicho.web.Downloads;
import jp.daicho.web.Rejected;
import tools.jackson.databind.json.JsonMapper;

/**
 * The register of incidents (DPOs record and change; auditors read), and each incident's report drafted from the
 * inventory: as JSON, or as the report's fields in Japanese for the Commission's form (CSV or JSON file).
 */
@RestController
@RequestMapping("/api/incidents")
class IncidentController {

    /** An incident in the register's list: what must be done by when. */
    public record IncidentSummary(String id, String title, String kind, LocalDate discoveredOn, boolean reportable,
                                  List<String> reasons, List<String> toConfirm, LocalDate preliminaryDueOn,
                                  LocalDate finalDueOn, LocalDate preliminaryReportedOn, LocalDate finalReportedOn,
                                  List<String> overdue) {
    }

    private final IncidentRegister register;
    private final JsonMapper json = JsonMapper.builder().build();

    IncidentController(IncidentRegister register) {
        this.register = register;
    }

    @GetMapping
    List<IncidentSummary> incidents() {
        return register.all().stream().map(register::report).map(r -> {
            var i = r.incident();
            var v = r.verdict();
            return new IncidentSummary(i.id(), i.title(), i.kind().name(), i.discoveredOn(), v.reportable(),
                    v.reasons().stream().map(IncidentReport.IncidentReason::code).toList(),
                    v.toConfirm().stream().map(IncidentReport.IncidentReason::code).toList(), v.preliminaryDueOn(),
                    v.finalDueOn(), i.preliminaryReportedOn(), i.finalReportedOn(), v.overdue());
        }).toList();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    IncidentReport record(@RequestBody(required = false) IncidentChange incident, Principal who) {
        return register.record(incident, who.getName());
    }

    @GetMapping("/{id}")
    IncidentReport incident(@PathVariable String id) {
        return register.report(id);
    }

    /** Replaces the record with the incident as it is now known (reports sent, persons told, the cause found). */
    @PutMapping("/{id}")
    IncidentReport change(@PathVariable String id, @RequestBody(required = false) IncidentChange incident, Principal who) {
        return register.change(id, incident, who.getName());
    }

    /**
     * The report as a file, its fields in Japanese: the nine items of Rule 8(1), the verdict and deadlines, the datasets
     * affected and the recipients. {@code csv} (UTF-8 with BOM, for Excel in Japan) or {@code json}.
     */
    @GetMapping("/{id}/report")
    ResponseEntity<StreamingResponseBody> report(@PathVariable String id, @RequestParam(defaultValue = "csv") String format) {
        var report = register.report(id);
        String name = "incident-report-" + id;
        return switch (format) {
            case "csv" -> Downloads.attachment(name + ".csv", Downloads.CSV, out -> Downloads.csv(out,
                    List.of("区分", "番号", "項目", "内容"), rows -> lines(report).forEach(rows)));
            case "json" -> Downloads.attachment(name + ".json", MediaType.APPLICATION_JSON,
                    out -> out.write(json.writeValueAsBytes(report)));
            default -> throw new Rejected(HttpStatus.BAD_REQUEST, "format は csv 又は json です（'" + format + "' ではなく）。",
                    "format must be csv or json, not '" + format + "'");
        };
    }

    /** The report's lines, in Japanese: 区分 (part), 番号, 項目, 内容. */
    static List<List<String>> lines(IncidentReport r) {
        var i = r.incident();
        var v = r.verdict();
        var lines = new ArrayList<List<String>>();
        lines.add(List.of("事案", "", "事案番号", i.id()));
        lines.add(List.of("事案", "", "事態を知った日", i.discoveredOn().toString()));
        lines.add(List.of("判定", "", "報告の要否", v.reportable() ? "要（個人情報保護委員会への報告・本人への通知）"
                : v.excepted() ? "不要（高度な暗号化等の措置）" : v.toConfirm().isEmpty() ? "不要" : "要確認"));
        v.reasons().forEach(x -> lines.add(List.of("判定", "", "該当する事態 " + x.article(), x.japanese())));
        v.toConfirm().forEach(x -> lines.add(List.of("判定", "", "確認事項 " + x.article(), x.japanese())));
        lines.add(List.of("判定", "", "速報の期限", v.preliminaryDueOn() == null ? "" : v.preliminaryDueOn() + "（知った日を1日目として5日目、概ね3～5日以内）"));
        lines.add(List.of("判定", "", "確報の期限", v.finalDueOn() == null ? "" : v.finalDueOn()
                + (v.reasons().stream().anyMatch(x -> x.code().equals("WRONGFUL_PURPOSE")) ? "（60日以内）" : "（30日以内）")));
        lines.add(List.of("判定", "", "本人への通知", v.reportable() ? "速やかに（第26条第2項）"
                + (i.personsNotifiedOn() == null ? "" : ": " + i.personsNotifiedOn() + " 実施") : ""));
        lines.add(List.of("判定", "", "速報の送付", i.preliminaryReportedOn() == null ? "未" : i.preliminaryReportedOn().toString()));
        lines.add(List.of("判定", "", "確報の送付", i.finalReportedOn() == null ? "未" : i.finalReportedOn().toString()));
        r.fields().forEach(f -> lines.add(List.of("報告事項（規則第8条第1項）", Integer.toString(f.number()), f.label(), f.value())));
        r.datasets().forEach(d -> lines.add(List.of("対象データセット", "", d.datasetId() + "（" + d.categoryLabel() + "）",
                String.join("、", d.items()) + (d.requiresCare() ? "／要配慮個人情報あり" : "")
                        + (d.persons() != null ? "／本人の数 " + d.persons() : d.rows() != null ? "／件数（推定） " + d.rows() : ""))));
        r.recipients().forEach(x -> lines.add(List.of("提供・委託・複製先", "", x.name() + "（" + x.id() + "）",
                String.join("・", x.bases()) + "／" + x.country() + "／" + String.join("、", x.items()) + "／パイプライン "
                        + String.join("、", x.pipelines()))));
        r.clients().forEach(c -> lines.add(List.of("委託元（通知先）", "", c.name() + "（" + c.party() + "）", c.datasetId())));
        return lines;
    }
}
