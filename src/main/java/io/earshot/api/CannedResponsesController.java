package io.earshot.api;

import io.earshot.conversation.CannedResponse;
import io.earshot.conversation.CannedResponses;
import io.earshot.conversation.ConversationQueries;
import io.earshot.conversation.ConversationView;
import io.earshot.conversation.ToneCheck;
import io.earshot.followup.Commitments;
import io.earshot.platform.Agent;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import io.earshot.platform.Team;
import io.earshot.platform.Teams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Replies")
class CannedResponsesController {

    private final CannedResponses canned;
    private final Teams teams;
    private final ConversationQueries conversations;
    private final Commitments commitments;

    CannedResponsesController(CannedResponses canned, Teams teams, ConversationQueries conversations, Commitments commitments) {
        this.commitments = commitments;
        this.canned = canned;
        this.teams = teams;
        this.conversations = conversations;
    }

    @Operation(summary = "Canned responses for the caller's team (all=true: every team's, for leads)")
    @GetMapping("/api/v1/canned-responses")
    Map<String, Object> list(@RequestParam(defaultValue = "false") boolean all, @AuthenticationPrincipal Agent agent) {
        List<CannedResponse> items = all ? canned.all() : canned.forTeam(teams.teamOf(agent.id()).map(Team::id).orElse(null));
        return Map.of("items", items);
    }

    @Operation(summary = "Add a canned response (lead): {title, body, teamId?}; placeholders {{customer.name}}, {{customer.firstName}}, "
            + "{{customer.handle}}, {{agent.name}}, {{agent.firstName}}")
    @PostMapping("/api/v1/canned-responses")
    @ResponseStatus(HttpStatus.CREATED)
    CannedResponse create(@Valid @RequestBody CannedText body, @AuthenticationPrincipal Agent agent) {
        return canned.create(body.title(), body.body(), team(body.teamId()), agent);
    }

    @Operation(summary = "Change a canned response (lead)")
    @PutMapping("/api/v1/canned-responses/{id}")
    CannedResponse update(@PathVariable String id, @Valid @RequestBody CannedText body) {
        return canned.update(Ids.require(id, "canned response"), body.title(), body.body(), team(body.teamId()));
    }

    @Operation(summary = "Delete a canned response (lead)")
    @DeleteMapping("/api/v1/canned-responses/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        if (!canned.delete(Ids.require(id, "canned response"))) {
            throw EarshotException.notFound("canned response", id);
        }
    }

    @Operation(summary = "Tone check of a reply before it is sent: {text, private?, cannedId?} -> {warnings: [{code, message}]}",
            description = "Warns when a reply to a complaint has no apology or acknowledgement, when a canned text goes unchanged, "
                    + "when the customer's name is missing, when it is too long for the channel, and when a promise in it "
                    + "names a time that has already passed (promise_time_passed, with the date Earshot will track).")
    @PostMapping("/api/v1/conversations/{id}/tone-check")
    Map<String, Object> toneCheck(@PathVariable String id, @Valid @RequestBody ToneCheckDraft body, @AuthenticationPrincipal Agent agent) {
        ConversationView c = conversations.one(Ids.require(id, "conversation")).orElseThrow(() -> EarshotException.notFound("conversation", id));
        String cannedText = null;
        String cannedId = body.cannedId();
        if (cannedId != null) {
            CannedResponse r = canned.byId(Ids.parse(cannedId).orElse(-1L)).orElseThrow(() ->
                    new EarshotException(404, "not_found", "no canned response with id '" + cannedId + "'", "cannedId"));
            cannedText = CannedResponses.fill(r.body(), c.customer().name(), c.customer().handle(), agent);
        }
        io.earshot.conversation.ReplyRoute route = conversations.route(Long.parseLong(c.id()), body.replyTo())
                .orElseGet(() -> {
                    if (body.replyTo() != null) {
                        throw EarshotException.invalid("replyTo", "replyTo must be the id of a message from the customer in this conversation");
                    }
                    return new io.earshot.conversation.ReplyRoute(null, c.channel(), null, null, 0, false);
                });
        List<ToneCheck.Warning> warnings = new ArrayList<>(ToneCheck.check(body.text(), new ToneCheck.Context(route.channel(), c.intent(),
                c.sentiment().label(), c.customer().name(), c.customer().handle(), body.isPrivate(), cannedText, route.replyLimit())));
        if (!body.isPrivate()) {
            warnings.addAll(commitments.checkDraft(body.text(), agent));
        }
        return Map.of("warnings", warnings);
    }

    /** A canned response, new or changed: {title, body, teamId?}. */
    record CannedText(@Bodies.Text @Bodies.Required @Size(max = 200, message = Bodies.LONGER) String title,
                      @Bodies.Text @Bodies.Required @Size(max = 5000, message = Bodies.LONGER) String body,
                      @Bodies.Id String teamId) {
    }

    /** A reply to check before it is sent: {text, private?, cannedId?}. */
    record ToneCheckDraft(@Bodies.Text @Bodies.Required @Size(max = 20_000, message = Bodies.LONGER) String text,
                          @Bodies.Flag @JsonProperty("private") boolean isPrivate,
                          @Bodies.Id String cannedId,
                          @Bodies.Id String replyTo) {
    }

    private Long team(String text) {
        if (text == null) {
            return null;
        }
        return Ids.parse(text).flatMap(teams::byId).map(Team::id).orElseThrow(() ->
                new EarshotException(404, "not_found", "no team with id '" + text + "'", "teamId"));
    }
}
