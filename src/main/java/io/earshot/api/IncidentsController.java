package io.earshot.api;

import io.earshot.incidents.Incident;
import io.earshot.incidents.CrisisMode;
import io.earshot.incidents.Incidents;
import io.earshot.platform.Agent;
import io.earshot.platform.EarshotException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Incidents")
class IncidentsController {

    private final Incidents incidents;
    private final CrisisMode crisis;

    IncidentsController(Incidents incidents, CrisisMode crisis) {
        this.incidents = incidents;
        this.crisis = crisis;
    }

    @Operation(summary = "Open an incident (lead): {title, topicId?, conversationIds?}. A topic's recent matches join, and "
            + "its new ones while the incident is open; recent complaints whose words are like theirs join too, each with "
            + "its similarity (0-1). A topic with an open incident already is a 409")
    @PostMapping("/api/v1/incidents")
    @ResponseStatus(HttpStatus.CREATED)
    Incident open(@Valid @RequestBody NewIncident body, @AuthenticationPrincipal Agent agent) {
        return incidents.open(body.title(), body.topicId(), body.conversationIds(), agent);
    }

    /** {title, topicId?, conversationIds?}. */
    record NewIncident(@Bodies.Text @Bodies.Required @Size(max = 200, message = Bodies.LONGER) String title,
                       @Bodies.Id String topicId,
                       @Size(max = 1000, message = Bodies.AT_MOST) List<String> conversationIds) {
    }

    @Operation(summary = "The most recent incidents, newest first, with their size (limit 1-200, default 50)")
    @GetMapping("/api/v1/incidents")
    Map<String, Object> list(@RequestParam(defaultValue = "50") Integer limit) {
        if (limit < 1 || limit > 200) {
            throw EarshotException.invalid("limit", "limit must be from 1 to 200");
        }
        return Map.of("items", incidents.recent(limit));
    }

    @Operation(summary = "An incident: its conversations (with similarity), and its updates newest first, each with "
            + "reached: {channel: customers told} and how many still wait (queued) or could not be told (skipped)")
    @GetMapping("/api/v1/incidents/{id}")
    Incident one(@PathVariable String id) {
        return incidents.get(id);
    }

    @Operation(summary = "Who was told what and when: one row per update and conversation, newest first (limit 1-1000)")
    @GetMapping("/api/v1/incidents/{id}/deliveries")
    Map<String, Object> deliveries(@PathVariable String id, @RequestParam(defaultValue = "200") Integer limit) {
        if (limit < 1 || limit > 1000) {
            throw EarshotException.invalid("limit", "limit must be from 1 to 1000");
        }
        return Map.of("items", incidents.deliveries(id, limit));
    }

    @Operation(summary = "Add conversations (lead): {conversationIds}; each gets the incident's latest update")
    @PostMapping("/api/v1/incidents/{id}/conversations")
    Incident add(@PathVariable String id, @Valid @RequestBody Members body, @AuthenticationPrincipal Agent agent) {
        return incidents.add(id, body.conversationIds(), agent);
    }

    /** {conversationIds}. */
    record Members(@Size(max = 1000, message = Bodies.AT_MOST) List<String> conversationIds) {
    }

    @Operation(summary = "Take a conversation out of an incident (lead): it hears no more of it")
    @DeleteMapping("/api/v1/incidents/{id}/conversations/{conversationId}")
    Incident remove(@PathVariable String id, @PathVariable String conversationId, @AuthenticationPrincipal Agent agent) {
        return incidents.remove(id, conversationId, agent);
    }

    @Operation(summary = "Send an update to every affected customer (lead): {text}, with {{name}} (the customer's name, "
            + "else their handle) and {{handle}}. Each is a reply on the customer's own channel and account, sent in paced "
            + "batches, once per customer: the same request again (the same Idempotency-Key header, or without one the "
            + "same text soon after) answers the update it made")
    @PostMapping("/api/v1/incidents/{id}/updates")
    @ResponseStatus(HttpStatus.CREATED)
    Incident.Update update(@PathVariable String id, @Valid @RequestBody Text body,
                           @RequestHeader(name = "Idempotency-Key", required = false) String key,
                           @AuthenticationPrincipal Agent agent) {
        return incidents.update(id, body.text(), key, agent);
    }

    @Operation(summary = "Resolve the incident (lead): {text}, the fix, sent to every affected customer like an update; "
            + "each conversation resolves as its customer is told (an answer from them reopens it)")
    @PostMapping("/api/v1/incidents/{id}/resolve")
    Incident.Update resolve(@PathVariable String id, @Valid @RequestBody Text body,
                            @RequestHeader(name = "Idempotency-Key", required = false) String key,
                            @AuthenticationPrincipal Agent agent) {
        return incidents.resolve(id, body.text(), key, agent);
    }

    /** {text}. */
    record Text(@Bodies.Text @Bodies.Required @Size(max = 2000, message = Bodies.LONGER) String text) {
    }

    @Operation(summary = "Start crisis mode for an open incident (lead): {teamId?}. Its conversations go before every other "
            + "in the priority order (reason 'crisis: <title>'), every desk page shows a banner, CSAT surveys wait until it "
            + "ends; with a team, its agents take the unassigned conversations in turn. One crisis at a time: starting "
            + "it again answers the incident as it is, another incident's crisis on is a 409")
    @PostMapping("/api/v1/incidents/{id}/crisis")
    Incident startCrisis(@PathVariable String id, @Valid @RequestBody(required = false) NewCrisis body,
                         @AuthenticationPrincipal Agent agent) {
        return crisis.start(id, body == null ? null : body.teamId(), agent);
    }

    /** {teamId?}. */
    record NewCrisis(@Bodies.Id String teamId) {
    }

    @Operation(summary = "End the incident's crisis mode (lead); resolving the incident ends it too. Not in crisis "
            + "mode (ended already) is a 409")
    @DeleteMapping("/api/v1/incidents/{id}/crisis")
    Incident endCrisis(@PathVariable String id, @AuthenticationPrincipal Agent agent) {
        return crisis.end(id, agent);
    }

    @Operation(summary = "The crisis that is on: {crisis: {incidentId, title, startedAt, startedBy, teamId, conversations, "
            + "lastHour, latestUpdate, latestUpdateAt}} or {crisis: null}")
    @GetMapping("/api/v1/crisis")
    Map<String, Object> currentCrisis() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("crisis", crisis.current().orElse(null));
        return out;
    }
}
