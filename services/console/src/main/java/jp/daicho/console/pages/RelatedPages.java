package jp.daicho.console.pages;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import jp.daicho.console.api.Apis;

/**
 * Personally-related information (docs/pipelines.md, "Personally-related information"): the datasets whose items
 * identify no one here (個人関連情報) and those declared outside the databases (web tags, app SDKs, SaaS, files), the
 * pipelines providing such data under Art. 31, and the form engineers and DPOs declare a dataset with.
 */
@Controller
class RelatedPages {

    private final Apis apis;

    RelatedPages(Apis apis) {
        this.apis = apis;
    }

    @GetMapping("/related")
    String related(Model model) {
        model.addAttribute("related", apis.inventory().datasets().stream()
                .filter(d -> "PERSONALLY_RELATED".equals(d.information()) || d.declaredKind() != null).toList());
        model.addAttribute("art31", apis.inventory().pipelines().stream()
                .filter(p -> "ART31".equals(p.legalBasis()) && p.retired() == null).toList());
        model.addAttribute("policy", apis.inventory().policy());
        return "related";
    }

    /** Declares a dataset from its manifest; its page shows what it holds in the law's terms. */
    @PostMapping("/related/declare")
    String declare(@RequestParam String manifest) {
        var dataset = apis.inventory().declareDataset(manifest);
        return "redirect:/inventory/dataset?id=" + java.net.URLEncoder.encode(dataset.id(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
