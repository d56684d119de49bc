package io.earshot.api;

import io.earshot.followup.Commitment;
import io.earshot.followup.Commitments;
import io.earshot.followup.FollowThrough;
import io.earshot.platform.Agent;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Commitments")
class CommitmentsController {

    private final Commitments commitments;
    private final FollowThrough followThrough;
    private final io.earshot.conversation.ConversationQueries conversations;

    CommitmentsController(Commitments commitments, FollowThrough followThrough, io.earshot.conversation.ConversationQueries conversations) {
        this.commitments = commitments;
        this.followThrough = followThrough;
        this.conversations = conversations;
    }

    @Operation(summary = "Promises by state: open, due (past the reminder point), overdue (due time passed unkept), kept, broken",
            description = "Filter by owner (agent id) or conversationId; mine=true for the caller's own. Each open or broken promise carries a drafted status update for the customer.", responses = @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "200", description = "the promises", content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(value = Examples.COMMITMENTS))))
    @GetMapping("/api/v1/commitments")
    Map<String, Object> list(@RequestParam(required = false) String state, @RequestParam(required = false) String owner,
                             @RequestParam(required = false) String conversationId, @RequestParam(required = false) Boolean mine,
                             @RequestParam(required = false) Integer limit, @AuthenticationPrincipal Agent agent) {
        int n = limit == null ? 100 : limit;
        if (n < 1 || n > 500) {
            throw EarshotException.invalid("limit", "limit must be from 1 to 500");
        }
        Long ownerId = Boolean.TRUE.equals(mine) ? Long.valueOf(agent.id()) : owner == null ? null
                : Ids.parse(owner).orElseThrow(() -> EarshotException.invalid("owner", "owner must be an agent id"));
        Long conversation = conversationId == null ? null
                : Ids.parse(conversationId).orElseThrow(() -> EarshotException.invalid("conversationId", "conversationId must be an id"));
        List<Commitment> items = commitments.list(state, ownerId, conversation, n);
        return Map.of("items", items);
    }

    @Operation(summary = "One promise")
    @GetMapping("/api/v1/commitments/{id}")
    Commitment one(@PathVariable String id) {
        return commitments.byId(Ids.require(id, "commitment")).orElseThrow(() -> EarshotException.notFound("commitment", id));
    }

    @Operation(summary = "Mark a promise kept: its owner, a lead or an admin may (403 for anyone else; 409 when it was already broken)",
            description = "A promise nobody owns counts as the conversation's assignee's; on an unassigned conversation any agent may mark it. "
                    + "The promise shows who kept it (keptBy, keptByName, keptAt) and the conversation's timeline records it (commitment_kept).")
    @PostMapping("/api/v1/commitments/{id}/kept")
    Commitment kept(@PathVariable String id, @AuthenticationPrincipal Agent agent) {
        return commitments.markKept(id, agent);
    }

    @Operation(summary = "Send the promise's drafted status update to the customer, as your reply",
            description = "Any agent may, as any agent may reply: a colleague covering for the owner keeps the customer from silence. "
                    + "The timeline records the reply under the sender's name.")
    @PostMapping("/api/v1/commitments/{id}/send-update")
    @ResponseStatus(HttpStatus.CREATED)
    FollowThrough.Reply sendUpdate(@PathVariable String id, @AuthenticationPrincipal Agent agent) {
        return followThrough.sendUpdate(id, agent);
    }

    @Operation(summary = "A promise typed by hand: {text, dueAt, kind?}; the caller owns it, and the timeline records it (commitment_made)", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = Examples.PROMISE))))
    @PostMapping("/api/v1/conversations/{id}/commitments")
    @ResponseStatus(HttpStatus.CREATED)
    Commitment promise(@PathVariable String id, @Valid @RequestBody Promise body, @AuthenticationPrincipal Agent agent) {
        long conversationId = Ids.require(id, "conversation");
        conversations.one(conversationId).orElseThrow(() -> EarshotException.notFound("conversation", id));
        Instant dueAt = Bodies.instant("dueAt", body.dueAt());
        return commitments.promise(conversationId, agent, body.text(), dueAt, body.kind());
    }

    /** A promise typed by hand: {text, dueAt, kind?}. */
    record Promise(@Bodies.Text @Bodies.Required @Size(max = 1000, message = Bodies.LONGER) String text,
                   @Bodies.Text @Bodies.Required @Size(max = 64, message = Bodies.LONGER) String dueAt,
                   @Bodies.Text @Size(max = 20, message = Bodies.LONGER) String kind) {
    }
}
