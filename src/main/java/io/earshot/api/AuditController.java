package io.earshot.api;

import io.earshot.platform.AuditTrail;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit}: who changed what, newest first (admin). */
@RestController
@Tag(name = "Audit")
class AuditController {

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    @Operation(summary = "The audit trail, newest first (admin): every change a person made through the API or the desk, "
            + "with the agent, time, method, path and address; pass nextBefore as before for older entries")
    @GetMapping("/api/v1/audit")
    Map<String, Object> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String before) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > 500) {
            throw EarshotException.invalid("limit", "limit must be from 1 to 500");
        }
        Long cursor = Ids.field(before, "before");
        List<AuditTrail.Entry> items = trail.newest(n, cursor);
        return Map.of("items", items, "nextBefore", items.size() < n ? "" : items.get(items.size() - 1).id());
    }
}
