package jp.daicho.inventory.requests;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Acting on a request (docs/requests.md): the task list of a correction or an erasure/suspension, which the DPO produces
 * and the DPO or a system's engineers record done — engineers see their systems' tasks only; and the live lookup of the
 * person's rows, which the DPO permits and runs.
 */
@RestController
@RequestMapping("/api")
class RequestTaskController {

    private final RequestTasks tasks;
    private final RequestLookup lookup;

    RequestTaskController(RequestTasks tasks, RequestLookup lookup) {
        this.tasks = tasks;
        this.lookup = lookup;
    }

    @PostMapping("/requests/{id}/tasks")
    @ResponseStatus(HttpStatus.CREATED)
    List<RequestTasks.Task> produce(@PathVariable String id, Authentication who) {
        return tasks.produce(id, who.getName());
    }

    @GetMapping("/requests/{id}/tasks")
    List<RequestTasks.Task> ofRequest(@PathVariable String id, Authentication who) {
        return tasks.of(id, caller(who));
    }

    @GetMapping("/requests/{id}/tasks/{number}")
    RequestTasks.Task one(@PathVariable String id, @PathVariable int number, Authentication who) {
        return tasks.one(id, number, caller(who));
    }

    @PostMapping("/requests/{id}/tasks/{number}/done")
    RequestTasks.Task done(@PathVariable String id, @PathVariable int number, @RequestBody(required = false) RequestTasks.Done done,
                           Authentication who) {
        return tasks.done(id, number, done, caller(who));
    }

    /** The open tasks the caller may see: an engineer's, of their systems; all, for the DPO and auditors. */
    @GetMapping("/tasks")
    List<RequestTasks.Task> open(Authentication who) {
        return tasks.open(caller(who));
    }

    @PostMapping("/requests/{id}/lookup/permit")
    SubjectRequest permit(@PathVariable String id, Authentication who) {
        return lookup.permit(id, who.getName());
    }

    @PostMapping("/requests/{id}/lookup")
    RequestLookup.Result lookup(@PathVariable String id, Authentication who) {
        return lookup.run(id, who.getName());
    }

    private static RequestTasks.Caller caller(Authentication who) {
        boolean seesAll = who.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_DPO")
                || a.getAuthority().equals("ROLE_AUDITOR"));
        return new RequestTasks.Caller(who.getName(), seesAll);
    }
}
