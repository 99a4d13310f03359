package jp.daicho.console.pages;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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

/**
 * Data subjects' requests for the DPO (docs/requests.md): the register, overdue first, with a form to record a new
 * one; a request with its history, the plan of where the person's data is, and the forms for the identity check and
 * the answer; the task list per system and the live lookup; the Art. 33(5) disclosure of the ledger's records. Auditors
 * read; engineers see the work list of their systems' tasks ({@code /tasks}); the API refuses the rest, and the page
 * shows its refusal.
 */
@Controller
class RequestPages {

    static final List<String> KINDS = List.of("PURPOSE_NOTICE", "DISCLOSURE", "PROVISION_RECORDS", "CORRECTION",
            "SUSPENSION", "STOP_PROVISION");
    static final List<String> CHANNELS = List.of("form", "email", "post", "phone", "in_person");
    /** The kinds acted on by tasks per system, and those answered with the ledger's disclosure. */
    static final java.util.Set<String> TASK_KINDS = java.util.Set.of("CORRECTION", "SUSPENSION");
    static final java.util.Set<String> DISCLOSED_KINDS = java.util.Set.of("DISCLOSURE", "PROVISION_RECORDS");
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
        var detail = apis.inventory().request(id);
        String kind = detail.request().kind().code();
        model.addAttribute("detail", detail);
        model.addAttribute("plan", apis.inventory().requestPlan(id));
        model.addAttribute("outcomes", OUTCOMES);
        model.addAttribute("grounds", GROUNDS);
        model.addAttribute("today", LocalDate.now(Times.TOKYO_ZONE));
        model.addAttribute("hasTasks", TASK_KINDS.contains(kind));
        model.addAttribute("tasks", TASK_KINDS.contains(kind) ? apis.inventory().tasks(id) : List.of());
        model.addAttribute("lookupPermitted", detail.history().stream().anyMatch(h -> h.action().equals("lookup-permitted")));
        model.addAttribute("disclosable", DISCLOSED_KINDS.contains(kind));
        return "request";
    }

    @PostMapping("/requests/{id}/tasks")
    String produceTasks(@PathVariable String id, RedirectAttributes redirect) {
        apis.inventory().produceTasks(id);
        return recorded(id, "tasks", redirect);
    }

    /** A task recorded done, from the request's page or the work list ({@code back=tasks}). */
    @PostMapping("/requests/{id}/tasks/{number}/done")
    String taskDone(@PathVariable String id, @PathVariable int number, @RequestParam(required = false) String note,
                    @RequestParam(defaultValue = "request") String back, RedirectAttributes redirect) {
        apis.inventory().taskDone(id, number, note == null || note.isBlank() ? null : note);
        redirect.addFlashAttribute("done", "task");
        return "tasks".equals(back) ? "redirect:/tasks" : "redirect:/requests/" + id;
    }

    @PostMapping("/requests/{id}/lookup/permit")
    String permitLookup(@PathVariable String id, RedirectAttributes redirect) {
        apis.inventory().permitLookup(id);
        return recorded(id, "lookupPermitted", redirect);
    }

    /** The live lookup's answer, shown on the request's page once and kept nowhere (no redirect, no flash). */
    @PostMapping("/requests/{id}/lookup")
    String lookup(@PathVariable String id, Model model) {
        var lookup = apis.inventory().lookup(id);
        String page = request(id, model);
        model.addAttribute("lookup", lookup);
        return page;
    }

    /**
     * The disclosure of the person's provision records (Art. 33(5)) from the ledger, by the key the request keeps
     * sealed: a CSV download for the DPO to send them. The inventory logs the key's view, the ledger the export.
     */
    @PostMapping("/requests/{id}/disclosure")
    ResponseEntity<StreamingResponseBody> disclosure(@PathVariable String id) {
        String key = apis.inventory().subject(id).key();
        return Download.of("disclosure-" + id + "-" + LocalDate.now(Times.TOKYO_ZONE) + ".csv", Download.CSV,
                out -> apis.ledger().disclosure(key, "csv", out));
    }

    /** The open tasks the signed-in user may see: an engineer's work list, of their systems. */
    @GetMapping("/tasks")
    String tasks(Model model) {
        model.addAttribute("tasks", apis.inventory().openTasks());
        return "tasks";
    }

    @PostMapping("/requests/{id}/identity-check")
    String identityChecked(@PathVariable String id, @RequestParam String method, RedirectAttributes redirect) {
        apis.inventory().identityChecked(id, method);
        return recorded(id, "identity", redirect);
    }

    @PostMapping("/requests/{id}/answer")
    String answer(@PathVariable String id, @RequestParam String outcome,
                  @RequestParam(required = false) List<String> grounds, @RequestParam(required = false) String note,
                  @RequestParam(required = false) LocalDate notifiedOn, RedirectAttributes redirect) {
        apis.inventory().answer(id, new Inventory.Answer(outcome, grounds == null ? List.of() : grounds,
                note == null || note.isBlank() ? null : note, null, notifiedOn));
        return recorded(id, "answer", redirect);
    }

    /** Back to the request's page, saying what was recorded. */
    private static String recorded(String id, String done, RedirectAttributes redirect) {
        redirect.addFlashAttribute("done", done);
        return "redirect:/requests/" + id;
    }
}
