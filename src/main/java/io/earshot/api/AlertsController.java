package io.earshot.api;

import io.earshot.alerting.Alert;
import io.earshot.alerting.Alerts;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Alerts")
class AlertsController {

    private final Alerts alerts;

    AlertsController(Alerts alerts) {
        this.alerts = alerts;
    }

    @Operation(summary = "Alerts fired since a time, newest first: spike, sla_breach, commitment_due, commitment_broken, silent_customer", responses = @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "the alerts", content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = Examples.ALERTS))))
    @GetMapping("/api/v1/alerts")
    Map<String, Object> list(@RequestParam(required = false) String since, @RequestParam(required = false) String kind,
                             @RequestParam(required = false) String conversationId, @RequestParam(required = false) Integer limit) {
        Instant from = since == null ? null : Bodies.instant("since", since);
        if (kind != null && !Alert.KINDS.contains(kind)) {
            throw EarshotException.invalid("kind", "kind must be one of " + Alert.KINDS + ", not '" + kind + "'");
        }
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > 500) {
            throw EarshotException.invalid("limit", "limit must be from 1 to 500");
        }
        Long conversation = conversationId == null ? null
                : Ids.parse(conversationId).orElseThrow(() -> EarshotException.invalid("conversationId", "conversationId must be an id"));
        return Map.of("items", alerts.list(from, kind, conversation, n));
    }
}
