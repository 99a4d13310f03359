package jp.daicho.ledger.retention;

import java.security.Principal;
import java.time.Instant;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The purge on request (besides its daily schedule), what each purge removed, and what is due. */
@RestController
@RequestMapping("/api/records")
class PurgeController {

    private final PurgeExpired purge;

    PurgeController(PurgeExpired purge) {
        this.purge = purge;
    }

    @PostMapping("/purge")
    PurgeExpired.PurgeReport purge(Principal who) {
        return purge.purge(who.getName(), Instant.now());
    }

    @GetMapping("/purges")
    PurgeExpired.Purges purges() {
        return purge.purges(Instant.now());
    }
}
