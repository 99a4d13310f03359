package jp.daicho.console.pages;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

import jp.daicho.client.ApiRefused;
import jp.daicho.console.api.Apis;

/** Pipelines: the list, one pipeline's details, a manifest's validation (pasted or uploaded), violations. */
@Controller
class PipelinePages {

    private final Apis apis;

    PipelinePages(Apis apis) {
        this.apis = apis;
    }

    @GetMapping("/pipelines")
    String list(Model model) {
        model.addAttribute("pipelines", apis.inventory().pipelines());
        model.addAttribute("violations", apis.inventory().violations(true, null));
        return "pipelines";
    }

    @GetMapping("/pipelines/{id}")
    String pipeline(@PathVariable String id, Model model) {
        model.addAttribute("pipeline", apis.inventory().pipeline(id));
        return "pipeline";
    }

    /** The DPO retires a pipeline, with the reason and the request behind it (optional). */
    @PostMapping("/pipelines/{id}/retire")
    String retire(@org.springframework.web.bind.annotation.PathVariable String id, @RequestParam String reason,
                  @RequestParam(required = false) String request) {
        apis.inventory().retire(id, reason, request == null || request.isBlank() ? null : request);
        return "redirect:/pipelines/" + id;
    }

    @PostMapping("/pipelines/validate")
    String validate(@RequestParam(required = false) String manifest, @RequestParam(required = false) MultipartFile file,
                    Model model) throws IOException {
        String yaml = file != null && !file.isEmpty() ? new String(file.getBytes(), StandardCharsets.UTF_8) : manifest;
        model.addAttribute("manifest", yaml);
        if (yaml == null || yaml.isBlank()) {
            model.addAttribute("problem", "manifest.empty");
        } else {
            try {
                model.addAttribute("validation", apis.inventory().validate(yaml));
            } catch (ApiRefused refused) {
                if (refused.status() == 403) {
                    throw refused;
                }
                model.addAttribute("refusal", refused.getMessage());
                model.addAttribute("refusalProblems", refused.problem().problems());
            }
        }
        return list(model);
    }
}
