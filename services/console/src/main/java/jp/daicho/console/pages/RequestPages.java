package jp.daicho.console.pages;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import jp.daicho.client.Inventory;
import jp.daicho.console.api.Apis;

/**
 * Data subjects' requests for the DPO (docs/requests.md): the register, overdue first, with a form to record a new
 * one; a request with its history, the plan of where the person's data is, and the forms for the identity check and
 * the answer. Auditors read; the API refuses the rest, and an engineer sees its refusal.
 */
@Controller
class RequestPages {

    static final List<String> KINDS = List.of("PURPOSE_NOTICE", "DISCLOSURE", "PROVISION_RECORDS", "CORRECTION",
            "SUSPENSION", "STOP_PROVISION");
    static final List<String> CHANNELS = List.of("form", "email", "post", "phone", "in_person");
    static final List<String> OUTCOMES = List.of("ANSWERED", "PARTLY_ANSWERED", "REFUSED", "WITHDRAWN");
    static final List<String> GROUNDS = List.of("HARM_TO_A_PERSON", "HINDERS_THE_BUSINESS", "BREAKS_ANOTHER_LAW",
            "PURPOSE_ALREADY_CLEAR", "NO_SUCH_DATA", "NOT_RETAINED_PERSONAL_DATA", "IDENTITY_NOT_CONFIRMED",
            "NOT_FOUND_UNTRUE", "NO_GROUNDS", "ALTERNATIVE_MEASURE", "ENTRUSTED_DATA");

    private final Apis apis;

    RequestPages(Apis apis) {
        this.apis = apis;
    }

    @GetMapping("/requests")
    String requests(@RequestParam(defaultValue = "open") String state, Model model) {
        model.addAttribute("requests", apis.inventory().requests(state));
        model.addAttribute("state", state);
        model.addAttribute("policy", apis.inventory().policy());
        model.addAttribute("kinds", KINDS);
        model.addAttribute("channels", CHANNELS);
        model.addAttribute("today", LocalDate.now(Times.TOKYO_ZONE));
        return "requests";
    }

    @PostMapping("/requests")
    String receive(@RequestParam String kind, @RequestParam String category, @RequestParam LocalDate receivedOn,
                   @RequestParam String channel, @RequestParam String subjectKey,
                   @RequestParam(required = false) String subjectName, @RequestParam(required = false) String subjectContact) {
        var items = new java.util.LinkedHashMap<String, String>();
        if (subjectName != null && !subjectName.isBlank()) {
            items.put("氏名", subjectName);
        }
        if (subjectContact != null && !subjectContact.isBlank()) {
            items.put("連絡先", subjectContact);
        }
        var received = apis.inventory().receive(new Inventory.Received(kind, category, receivedOn, channel,
                new Inventory.Person(subjectKey, Map.copyOf(items)), null));
        return "redirect:/requests/" + received.id();
    }

    @GetMapping("/requests/{id}")
    String request(@PathVariable String id, Model model) {
        model.addAttribute("detail", apis.inventory().request(id));
        model.addAttribute("plan", apis.inventory().requestPlan(id));
        model.addAttribute("outcomes", OUTCOMES);
        model.addAttribute("grounds", GROUNDS);
        model.addAttribute("today", LocalDate.now(Times.TOKYO_ZONE));
        return "request";
    }

    @PostMapping("/requests/{id}/identity-check")
    String identityChecked(@PathVariable String id, @RequestParam String method, RedirectAttributes redirect) {
        apis.inventory().identityChecked(id, method);
        redirect.addFlashAttribute("done", "identity");
        return "redirect:/requests/" + id;
    }

    @PostMapping("/requests/{id}/answer")
    String answer(@PathVariable String id, @RequestParam String outcome,
                  @RequestParam(required = false) List<String> grounds, @RequestParam(required = false) String note,
                  @RequestParam(required = false) LocalDate notifiedOn, RedirectAttributes redirect) {
        apis.inventory().answer(id, new Inventory.Answer(outcome, grounds == null ? List.of() : grounds,
                note == null || note.isBlank() ? null : note, null, notifiedOn));
        redirect.addFlashAttribute("done", "answer");
        return "redirect:/requests/" + id;
    }
}
