package jp.daicho.inventory.review;

import java.security.Principal;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import jp.daicho.inventory.review.ReviewViews.QueuedField;
import jp.daicho.inventory.review.ReviewViews.Reviewed;

/** HTTP for {@link Reviews}: the queue of uncertain classifications, and a DPO's decision on one field. */
@RestController
@RequestMapping("/api")
class ReviewController {

    private final Reviews reviews;

    ReviewController(Reviews reviews) {
        this.reviews = reviews;
    }

    /** Fields waiting for a person: automatic decisions below {@code below} confidence, least sure first. */
    @GetMapping("/review-queue")
    List<QueuedField> queue(@RequestParam(required = false) Double below, @RequestParam(defaultValue = "500") int limit) {
        return reviews.queue(below == null ? Reviews.UNSURE : below, limit);
    }

    @PostMapping("/datasets/{id}/fields/{field}/review")
    Reviewed review(@PathVariable String id, @PathVariable String field, @RequestBody Reviews.ReviewRequest review, Principal who) {
        return reviews.review(id, field, review, who.getName());
    }
}
