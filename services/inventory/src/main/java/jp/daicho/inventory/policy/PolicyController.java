package jp.daicho.inventory.policy;

import java.security.Principal;
import java.time.LocalDate;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import jp.daicho.web.Rejected;

/** The policy as data: the version in force, past versions, and loading a new one (YAML body). */
@RestController
@RequestMapping("/api/policy")
class PolicyController {

    private final PolicyRepository policies;
    private final org.springframework.context.ApplicationEventPublisher events;

    PolicyController(PolicyRepository policies, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.policies = policies;
    }

    /** The version in force today, or on {@code on} (YYYY-MM-DD): "what did the policy say then". */
    @GetMapping
    Policy current(@RequestParam(required = false) LocalDate on) {
        if (on == null) {
            return policies.current().policy();
        }
        return policies.inForceOn(on).map(PolicyRepository.Version::policy).orElseThrow(() -> new Rejected(HttpStatus.NOT_FOUND,
                on + " に効力のあったポリシーの版はありません。版の一覧は GET /api/policy/versions です。",
                "No policy version was in force on " + on + ". GET /api/policy/versions lists them."));
    }

    @GetMapping("/versions")
    List<PolicyRepository.VersionSummary> versions() {
        return policies.versions();
    }

    @GetMapping("/versions/{version}")
    LoadedVersion version(@PathVariable String version) {
        var v = policies.version(version).orElseThrow(() -> new Rejected(HttpStatus.NOT_FOUND,
                "ポリシーの版 '" + version + "' はありません。版の一覧は GET /api/policy/versions です。",
                "No policy version '" + version + "'. GET /api/policy/versions lists them."));
        return new LoadedVersion(v.policy(), v.yaml(), v.loadedAt(), v.loadedBy());
    }

    /** A version as loaded: the policy, the YAML it was read from, and who loaded it when. */
    record LoadedVersion(Policy policy, String yaml, java.time.Instant loadedAt, String loadedBy) {
    }

    /** A new version, as YAML (docs/policy.md); validated first, nothing stored if anything is wrong. */
    @PostMapping(consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/plain"})
    @ResponseStatus(HttpStatus.CREATED)
    Policy load(@RequestBody String yaml, Principal who) {
        Policy policy = PolicyDocument.read(yaml, "policy");
        var saved = policies.save(policy, yaml, who.getName()).policy();
        events.publishEvent(new PolicyLoaded(saved.version()));
        return saved;
    }
}
