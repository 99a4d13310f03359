package jp.daicho.console.pages;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.daicho.client.Inventory;
import jp.daicho.console.api.Apis;
import jp.daicho.vocabulary.IncidentKind;

/**
 * Incidents for the DPO (docs/incidents.md): the register, reports due first, with a form to record a leak, loss or
 * damage; an incident's page is its report as the inventory drafts it — whether it must be reported and why, the
 * deadlines, the nine items of Rule 8(1), the datasets and the recipients — printable, downloadable, with the form for
 * what was done since (reports sent, persons told). Auditors read; the API refuses the rest.
 */
@Controller
class IncidentPages {

    private final Apis apis;

    IncidentPages(Apis apis) {
        this.apis = apis;
    }

    @GetMapping("/incidents")
    String incidents(Model model) {
        model.addAttribute("incidents", apis.inventory().incidents());
        model.addAttribute("kinds", IncidentKind.values());
        model.addAttribute("systems", apis.inventory().systems().stream().map(Inventory.SystemRecord::name).toList());
        model.addAttribute("today", LocalDate.now(Times.TOKYO_ZONE));
        return "incidents";
    }

    @PostMapping("/incidents")
    String record(@RequestParam String title, @RequestParam String kind, @RequestParam LocalDate discoveredOn,
                  @RequestParam(required = false) LocalDate occurredFrom, @RequestParam(required = false) LocalDate occurredTo,
                  @RequestParam(required = false) List<String> systems, @RequestParam(required = false) String datasets,
                  @RequestParam String cause, @RequestParam(defaultValue = "false") boolean wrongfulPurpose,
                  @RequestParam(defaultValue = "false") boolean highLevelEncryption) {
        var report = apis.inventory().recordIncident(new Inventory.IncidentChange(title, kind, discoveredOn,
                occurredFrom == null ? null : occurredFrom.atStartOfDay(Times.TOKYO_ZONE).toInstant(),
                occurredTo == null ? null : occurredTo.atTime(LocalTime.MAX).atZone(Times.TOKYO_ZONE).toInstant(),
                systems == null ? List.of() : systems, lines(datasets), cause, wrongfulPurpose, highLevelEncryption,
                null, null, null, null, null, null, null, null));
        return "redirect:/incidents/" + report.incident().id();
    }

    @GetMapping("/incidents/{id}")
    String incident(@PathVariable String id, Model model) {
        model.addAttribute("report", apis.inventory().incident(id));
        model.addAttribute("today", LocalDate.now(Times.TOKYO_ZONE));
        return "incident";
    }

    /** What was done since: the follow-up items of the report and the days reports were sent and persons told. */
    @PostMapping("/incidents/{id}")
    String followUp(@PathVariable String id, @RequestParam(required = false) String secondaryDamage,
                    @RequestParam(required = false) String responseToPersons, @RequestParam(required = false) String publication,
                    @RequestParam(required = false) String recurrencePrevention, @RequestParam(required = false) String other,
                    @RequestParam(required = false) LocalDate preliminaryReportedOn,
                    @RequestParam(required = false) LocalDate finalReportedOn,
                    @RequestParam(required = false) LocalDate personsNotifiedOn, RedirectAttributes redirect) {
        var i = Inventory.IncidentChange.of(apis.inventory().incident(id).incident());
        apis.inventory().changeIncident(id, new Inventory.IncidentChange(i.title(), i.kind(), i.discoveredOn(),
                i.occurredFrom(), i.occurredTo(), i.systems(), i.datasets(), i.cause(), i.wrongfulPurpose(),
                i.highLevelEncryption(), secondaryDamage, responseToPersons, publication, recurrencePrevention, other,
                preliminaryReportedOn, finalReportedOn, personsNotifiedOn));
        redirect.addFlashAttribute("done", "incident");
        return "redirect:/incidents/" + id;
    }

    /** The report as a file, its fields in Japanese, as the inventory writes it: csv or json. */
    @GetMapping("/incidents/{id}/report")
    ResponseEntity<StreamingResponseBody> report(@PathVariable String id, @RequestParam(defaultValue = "csv") String format) {
        boolean json = "json".equals(format);
        return Download.of("incident-report-" + id + (json ? ".json" : ".csv"), json ? MediaType.APPLICATION_JSON : Download.CSV,
                out -> apis.inventory().incidentReport(id, json ? "json" : "csv", out));
    }

    /** Datasets as typed in a text area: one per line or separated by commas, blanks dropped. */
    static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[,、\\s]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
