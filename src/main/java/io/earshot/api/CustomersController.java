package io.earshot.api;

import io.earshot.conversation.ConversationService;
import io.earshot.conversation.CustomerView;
import io.earshot.platform.Agent;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
class CustomersController {

    private final ConversationService service;

    CustomersController(ConversationService service) {
        this.service = service;
    }

    @GetMapping("/api/v1/customers/{id}")
    CustomerView one(@PathVariable String id) {
        return service.customer(id);
    }

    /** Merges {@code otherId} into this customer (lead or admin). */
    @PostMapping("/api/v1/customers/{id}/merge")
    CustomerView merge(@PathVariable String id, @RequestBody JsonNode body, @AuthenticationPrincipal Agent agent) {
        Bodies.object(body);
        return service.merge(id, Bodies.id(body, "otherId"), agent);
    }
}
