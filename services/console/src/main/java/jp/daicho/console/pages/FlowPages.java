package jp.daicho.console.pages;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import jp.daicho.client.Inventory.Flows;
import jp.daicho.client.Inventory.Hop;
import jp.daicho.client.Inventory.PipelineDetail;
import jp.daicho.console.api.Apis;

/**
 * The flow map: where matching personal data goes, as a graph of datasets, systems and parties (Cytoscape.js).
 * The graph is the union of the shortest paths the inventory's flow query returns, with the datasets each
 * flow starts from attached to the system holding them; each other edge is a pipeline
 * with its legal basis (third-party provision, joint use, entrustment, internal) and whether it crosses a
 * border, which the page styles differently. With {@code asOf}, the flows as they stood at the end of that day in Japan
 * (the datasets attached to each flow are those its pipeline reads today).
 */
@Controller
class FlowPages {

    private final Apis apis;
    private final Wording words;

    FlowPages(Apis apis, Wording words) {
        this.apis = apis;
        this.words = words;
    }

    @GetMapping("/flows")
    String map(@RequestParam(required = false) String item, @RequestParam(required = false) String subject,
               @RequestParam(required = false) Boolean sensitive, @RequestParam(required = false) java.time.LocalDate asOf,
               Model model) {
        model.addAttribute("asOf", asOf);
        model.addAttribute("policySubjects", InventoryPages.policySubjects(apis));
        model.addAttribute("item", item);
        model.addAttribute("subject", subject);
        model.addAttribute("sensitive", sensitive);
        return "flows";
    }

    /** Nodes and edges for Cytoscape.js, from the paths of the inventory's flow query. */
    @GetMapping("/flows/graph")
    @ResponseBody
    Map<String, Object> graph(@RequestParam(required = false) String item, @RequestParam(required = false) String subject,
                              @RequestParam(required = false) Boolean sensitive,
                              @RequestParam(required = false) java.time.LocalDate asOf) {
        Flows answer = apis.inventory().flows(item, subject, sensitive, 6, asOf);
        var nodes = new LinkedHashMap<String, Map<String, Object>>();
        var edges = new LinkedHashMap<String, Map<String, Object>>();
        // Every pipeline carrying the data is an edge of its own: two pipelines to one party are two edges.
        for (Hop hop : answer.hops()) {
            nodes.computeIfAbsent(hop.from(), FlowPages::node);
            nodes.computeIfAbsent(hop.to(), FlowPages::node);
            String id = hop.pipeline() + "|" + hop.from() + "|" + hop.to();
            var edge = new LinkedHashMap<String, Object>();
            edge.put("id", id);
            edge.put("source", hop.from());
            edge.put("target", hop.to());
            edge.put("pipeline", hop.pipeline());
            edge.put("basis", hop.basis());
            edge.put("basisLabel", words.basis(hop.basis()));
            edge.put("country", hop.country());
            edge.put("kind", kind(hop.basis()));
            edge.put("crossBorder", !"JP".equals(hop.country()));
            edges.putIfAbsent(id, edge);
        }
        // Where each flow starts: the datasets its first pipeline reads, held by the system it leaves from.
        var sources = new java.util.HashMap<String, PipelineDetail>();
        for (Hop hop : answer.hops()) {
            if (!hop.from().startsWith("system:")) {
                continue;
            }
            var details = sources.computeIfAbsent(hop.pipeline(), apis.inventory()::pipeline);
            for (var field : details.fields()) {
                String dataset = field.datasetId();
                if (!("system:" + dataset.substring(0, Math.max(0, dataset.indexOf('.')))).equals(hop.from())) {
                    continue;
                }
                String id = "dataset:" + dataset;
                nodes.computeIfAbsent(id, FlowPages::node);
                var holds = new LinkedHashMap<String, Object>();
                holds.put("id", id + "|" + hop.from());
                holds.put("source", id);
                holds.put("target", hop.from());
                holds.put("kind", "holds");
                edges.putIfAbsent(id + "|" + hop.from(), holds);
            }
        }
        return Map.of("nodes", nodes.values().stream().map(n -> Map.of("data", n)).toList(),
                "edges", edges.values().stream().map(e -> Map.of("data", e)).toList(),
                "truncated", answer.truncated());
    }

    private static Map<String, Object> node(String id) {
        var n = new LinkedHashMap<String, Object>();
        n.put("id", id);
        n.put("type", id.substring(0, id.indexOf(':')));
        n.put("label", id.substring(id.indexOf(':') + 1));
        return n;
    }

    /** How the console draws a flow: third-party provision, joint use, entrustment, or within the company. */
    static String kind(String basis) {
        return switch (basis) {
            case "ENTRUSTMENT" -> "entrustment";
            case "JOINT_USE" -> "joint-use";
            case "INTERNAL" -> "internal";
            default -> "third-party";
        };
    }
}
