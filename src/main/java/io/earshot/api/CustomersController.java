package io.earshot.api;

import io.earshot.conversation.ConversationService;
import io.earshot.conversation.CustomerView;
import io.earshot.platform.Agent;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import jakarta.validation.Valid;

@RestController
@Tag(name = "Customers")
class CustomersController {

    private final ConversationService service;

    CustomersController(ConversationService service) {
        this.service = service;
    }

    @Operation(summary = "A customer: identities on every channel and every conversation", description = "A customer merged into another answers with the one it was merged into.", responses = @ApiResponse(responseCode = "404", description = "no such customer", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.ERROR))))
    @GetMapping("/api/v1/customers/{id}")
    CustomerView one(@PathVariable String id) {
        return service.customer(id);
    }

    /** Merges {@code otherId} into this customer (lead or admin). */
    @Operation(summary = "Merge otherId into this customer (lead or admin)", description = "Identities, conversations and messages move over; the timelines record the merge.", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "example", value = Examples.MERGE))), responses = {@ApiResponse(responseCode = "400", description = "merging a customer into itself", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.ERROR))), @ApiResponse(responseCode = "403", description = "agents may not merge", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.ERROR))), @ApiResponse(responseCode = "404", description = "no such customer", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.ERROR)))})
    @PostMapping("/api/v1/customers/{id}/merge")
    CustomerView merge(@PathVariable String id, @Valid @RequestBody Merge body, @AuthenticationPrincipal Agent agent) {
        return service.merge(id, body.otherId(), agent);
    }

    /** {otherId}: the customer merged into this one. */
    record Merge(@Bodies.Id String otherId) {
    }
}
