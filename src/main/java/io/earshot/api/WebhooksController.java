package io.earshot.api;

import io.earshot.alerting.Webhook;
import io.earshot.alerting.Webhooks;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

@RestController
@Tag(name = "Webhooks")
class WebhooksController {

    private final Webhooks webhooks;

    WebhooksController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Operation(summary = "Register a webhook (admin): {url, events: [alert kinds] or [\"*\"], secret (8+ chars; use a long random one)}",
            description = "Deliveries are POSTed as JSON and signed: X-Earshot-Signature: sha256=HMAC-SHA256(secret, X-Earshot-Timestamp + \".\" + body) in hex. "
                    + "A failed delivery is retried with a doubling wait; X-Earshot-Delivery names the delivery so a receiver can drop a repeat. "
                    + "A webhook failing too often in a row is disabled, with the reason shown.", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = Examples.WEBHOOK))))
    @PostMapping("/api/v1/webhooks")
    @ResponseStatus(HttpStatus.CREATED)
    Webhook create(@Valid @RequestBody NewWebhook body) {
        return webhooks.create(body.url(), body.events(), body.secret());
    }

    /** {url, events, secret}. */
    record NewWebhook(@Bodies.Text @Bodies.Required @Size(max = 2000, message = Bodies.LONGER) String url,
                      @Bodies.Strings @NotNull(message = "is required") @Size(max = 50, message = Bodies.AT_MOST) List<String> events,
                      @Bodies.Text @Bodies.Required @Size(max = 200, message = Bodies.LONGER) String secret) {
    }

    @Operation(summary = "The webhooks (secrets are never shown)")
    @GetMapping("/api/v1/webhooks")
    Map<String, Object> list() {
        return Map.of("items", webhooks.all());
    }

    @Operation(summary = "One webhook with its newest deliveries and every attempt (the delivery log)")
    @GetMapping("/api/v1/webhooks/{id}")
    Map<String, Object> one(@PathVariable String id, @RequestParam(required = false) Integer limit) {
        long key = Ids.require(id, "webhook");
        Webhook hook = webhooks.byId(key).orElseThrow(() -> EarshotException.notFound("webhook", id));
        int n = limit == null ? 50 : limit;
        if (n < 1 || n > 500) {
            throw EarshotException.invalid("limit", "limit must be from 1 to 500");
        }
        return Map.of("webhook", hook, "deliveries", webhooks.deliveries(key, n));
    }

    @Operation(summary = "Turn a disabled webhook back on")
    @PostMapping("/api/v1/webhooks/{id}/enable")
    Webhook enable(@PathVariable String id) {
        return webhooks.enable(Ids.require(id, "webhook")).orElseThrow(() -> EarshotException.notFound("webhook", id));
    }

    @Operation(summary = "Delete a webhook; its pending deliveries are abandoned")
    @DeleteMapping("/api/v1/webhooks/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        if (!webhooks.delete(Ids.require(id, "webhook"))) {
            throw EarshotException.notFound("webhook", id);
        }
    }
}
