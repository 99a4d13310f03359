package jp.daicho.inventory.flows;

import java.util.LinkedHashSet;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jp.daicho.inventory.history.AsOf;
import jp.daicho.vocabulary.Item;
import jp.daicho.web.Codes;
import jp.daicho.web.Rejected;

/**
 * Where personal data flows: paths across hops, sensitive recipients, entrustments, cross-border flows; each now, or
 * with {@code asOf=} as it stood at a past date or instant ({@link AsOf#parse}).
 */
@RestController
@RequestMapping("/api")
class FlowController {

    private final FlowQueries flows;
    private final jp.daicho.inventory.policy.PolicyRepository policies;

    FlowController(FlowQueries flows, jp.daicho.inventory.policy.PolicyRepository policies) {
        this.flows = flows;
        this.policies = policies;
    }

    /**
     * The answer to "where does it flow": the systems and parties reached, the shortest path to each, and every
     * pipeline carrying the data between them ({@code hops}: two pipelines to one party are two hops).
     */
    public record Flows(List<String> destinations, List<FlowQueries.Path> paths, List<FlowQueries.Hop> hops,
                        boolean truncated) {
    }

    /**
     * Paths from the fields matching every given criterion, e.g. {@code ?subject=employee&item=medical}:
     * "where does employee health data go", across up to {@code maxHops} pipelines.
     */
    @GetMapping("/flows")
    Flows flows(@RequestParam(required = false) String item, @RequestParam(required = false) String subject,
                @RequestParam(required = false) Boolean sensitive, @RequestParam(required = false) String dataset,
                @RequestParam(required = false) String system, @RequestParam(defaultValue = "4") int maxHops,
                @RequestParam(required = false) String asOf) {
        Codes.parameter("item", Item.class, item);
        policies.subject("subject", subject);
        if (maxHops < 1 || maxHops > 10) {
            throw new Rejected(HttpStatus.BAD_REQUEST, "maxHops は 1 から 10 までです（" + maxHops + " ではなく）。",
                    "maxHops must be between 1 and 10, not " + maxHops);
        }
        var walk = flows.walk(new FlowQueries.Filter(item, subject, sensitive, dataset, system), maxHops, AsOf.parse(asOf));
        var destinations = new LinkedHashSet<String>();
        walk.paths().forEach(p -> destinations.addAll(p.nodes().subList(1, p.nodes().size())));
        return new Flows(List.copyOf(destinations), walk.paths(), walk.hops(),
                walk.paths().size() >= FlowQueries.MAX_PATHS || walk.hops().size() >= FlowQueries.MAX_PATHS);
    }

    /** The parties that receive sensitive data (要配慮個人情報), directly or further down. */
    @GetMapping("/flows/sensitive-recipients")
    List<String> sensitiveRecipients(@RequestParam(required = false) String asOf) {
        var recipients = new LinkedHashSet<String>();
        for (var p : flows.paths(new FlowQueries.Filter(null, null, true, null, null), 10, AsOf.parse(asOf))) {
            p.nodes().stream().filter(n -> n.startsWith("party:")).forEach(n -> recipients.add(n.substring(6)));
        }
        return List.copyOf(recipients);
    }

    @GetMapping("/flows/cross-border")
    List<FlowQueries.CrossBorderFlow> crossBorder(@RequestParam(required = false) String asOf) {
        return flows.crossBorder(AsOf.parse(asOf));
    }

    @GetMapping("/entrustments")
    List<FlowQueries.Entrustment> entrustments(@RequestParam(required = false) String asOf) {
        return flows.entrustments(AsOf.parse(asOf));
    }
}
