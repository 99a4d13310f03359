package jp.daicho.console.pages;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

import jp.daicho.console.api.Apis;
import jp.daicho.console.api.Apis.Service;
import tools.jackson.databind.JsonNode;

/**
 * The flow map: where matching personal data goes, as a graph of datasets, systems and parties (Cytoscape.js).
 * The graph is the union of the shortest paths the inventory's flow query returns, with the datasets each
 * flow starts from attached to the system holding them; each other edge is a pipeline
 * with its legal basis (third-party provision, joint use, entrustment, internal) and whether it crosses a
 * border, which the page styles differently.
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
               @RequestParam(required = false) Boolean sensitive, Model model) {
        model.addAttribute("item", item);
        model.addAttribute("subject", subject);
        model.addAttribute("sensitive", sensitive);
        return "flows";
    }

    /** Nodes and edges for Cytoscape.js, from the paths of the inventory's flow query. */
    @GetMapping("/flows/graph")
    @ResponseBody
    Map<String, Object> graph(@RequestParam(required = false) String item, @RequestParam(required = false) String subject,
                              @RequestParam(required = false) Boolean sensitive) {
        var query = new StringBuilder("/api/flows?maxHops=6");
        if (item != null && !item.isBlank()) {
            query.append("&item=").append(InventoryPages.encode(item));
        }
        if (subject != null && !subject.isBlank()) {
            query.append("&subject=").append(InventoryPages.encode(subject));
        }
        if (sensitive != null) {
            query.append("&sensitive=").append(sensitive);
        }
        JsonNode answer = apis.get(Service.INVENTORY, query.toString());
        var nodes = new LinkedHashMap<String, Map<String, Object>>();
        var edges = new LinkedHashMap<String, Map<String, Object>>();
        // Every pipeline carrying the data is an edge of its own: two pipelines to one party are two edges.
        for (JsonNode hop : answer.path("hops")) {
            String from = hop.path("from").asString();
            String to = hop.path("to").asString();
            nodes.computeIfAbsent(from, FlowPages::node);
            nodes.computeIfAbsent(to, FlowPages::node);
            String pipeline = hop.path("pipeline").asString();
            String basis = hop.path("basis").asString();
            String country = hop.path("country").asString();
            String id = pipeline + "|" + from + "|" + to;
            var edge = new LinkedHashMap<String, Object>();
            edge.put("id", id);
            edge.put("source", from);
            edge.put("target", to);
            edge.put("pipeline", pipeline);
            edge.put("basis", basis);
            edge.put("basisLabel", words.basis(basis));
            edge.put("country", country);
            edge.put("kind", kind(basis));
            edge.put("crossBorder", !"JP".equals(country));
            edges.putIfAbsent(id, edge);
        }
        // Where each flow starts: the datasets its first pipeline reads, held by the system it leaves from.
        var sources = new java.util.HashMap<String, JsonNode>();
        for (var edge : List.copyOf(edges.values())) {
            String from = (String) edge.get("source");
            if (!from.startsWith("system:") || answer.path("hops").isEmpty()) {
                continue;
            }
            String pipeline = (String) edge.get("pipeline");
            JsonNode details = sources.computeIfAbsent(pipeline,
                    id -> apis.get(Service.INVENTORY, "/api/pipelines/" + InventoryPages.encode(id)));
            for (JsonNode field : details.path("fields")) {
                String dataset = field.path("datasetId").asString();
                if (!("system:" + dataset.substring(0, Math.max(0, dataset.indexOf('.')))).equals(from)) {
                    continue;
                }
                String id = "dataset:" + dataset;
                nodes.computeIfAbsent(id, FlowPages::node);
                var holds = new LinkedHashMap<String, Object>();
                holds.put("id", id + "|" + from);
                holds.put("source", id);
                holds.put("target", from);
                holds.put("kind", "holds");
                edges.putIfAbsent(id + "|" + from, holds);
            }
        }
        return Map.of("nodes", nodes.values().stream().map(n -> Map.of("data", n)).toList(),
                "edges", edges.values().stream().map(e -> Map.of("data", e)).toList(),
                "truncated", answer.path("truncated").asBoolean());
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
