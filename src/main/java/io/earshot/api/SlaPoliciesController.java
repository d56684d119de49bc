package io.earshot.api;

import io.earshot.followup.SlaPolicies;
import io.earshot.followup.SlaPolicy;
import io.earshot.ingest.Channel;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import io.earshot.platform.Teams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "SLA policies")
class SlaPoliciesController {

    private static final List<String> INTENTS = List.of("complaint", "question", "praise", "outage", "request", "other");
    private static final List<String> LEVELS = List.of("urgent", "high", "normal", "low");
    private static final List<String> SENTIMENTS = List.of("negative", "neutral", "positive");

    private final SlaPolicies policies;
    private final Teams teams;

    SlaPoliciesController(SlaPolicies policies, Teams teams) {
        this.policies = policies;
        this.teams = teams;
    }

    @Operation(summary = "The SLA policies in the order they are tried; the first whose conditions all hold applies")
    @GetMapping("/api/v1/sla-policies")
    Map<String, Object> list() {
        return Map.of("items", policies.all().stream().map(SlaPoliciesController::view).toList());
    }

    @Operation(summary = "Add an SLA policy (lead): {name, position, firstResponse, updateCadence, resolution, businessHours, "
            + "channels?, intents?, levels?, sentiments?, minFollowers?, teamId?}", description = "Durations like \"1h\", \"30m\", \"2d\". "
            + "With businessHours true the targets count working time of the assignee's team calendar (or the policy's team, or the default).", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = Examples.SLA_POLICY))))
    @PostMapping("/api/v1/sla-policies")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@Valid @RequestBody NewPolicy body) {
        String name = body.name().strip();
        Long position = body.position();
        Set<String> channels = pick(body.channels(), "channels", Channel.wireNames());
        Set<String> intents = pick(body.intents(), "intents", INTENTS);
        Set<String> levels = pick(body.levels(), "levels", LEVELS);
        Set<String> sentiments = pick(body.sentiments(), "sentiments", SENTIMENTS);
        String teamText = body.teamId();
        Long teamId = null;
        if (teamText != null) {
            teamId = Ids.parse(teamText).flatMap(teams::byId).map(t -> t.id()).orElseThrow(() ->
                    new EarshotException(404, "not_found", "no team with id '" + teamText + "'", "teamId"));
        }
        SlaPolicy p = new SlaPolicy(0, name, position == null ? 100 : position.intValue(), channels, intents, levels, sentiments,
                body.minFollowers(), teamId, Bodies.duration("firstResponse", body.firstResponse()),
                Bodies.duration("updateCadence", body.updateCadence()), Bodies.duration("resolution", body.resolution()),
                body.businessHours());
        return view(policies.create(p));
    }

    /** An SLA policy: its conditions (lists left out match anything) and its targets, durations like "1h". */
    record NewPolicy(@Bodies.Text @Bodies.Required @Size(max = 200, message = Bodies.LONGER) String name,
                     @Bodies.Whole @Min(-1_000_000) @Max(1_000_000) Long position,
                     @Bodies.Strings @Size(max = 50, message = Bodies.AT_MOST) List<String> channels,
                     @Bodies.Strings @Size(max = 50, message = Bodies.AT_MOST) List<String> intents,
                     @Bodies.Strings @Size(max = 50, message = Bodies.AT_MOST) List<String> levels,
                     @Bodies.Strings @Size(max = 50, message = Bodies.AT_MOST) List<String> sentiments,
                     @Bodies.Whole @Min(0) @Max(Long.MAX_VALUE) Long minFollowers,
                     @Bodies.Id String teamId,
                     @Bodies.Text @Bodies.Required @Size(max = 40, message = Bodies.LONGER) String firstResponse,
                     @Bodies.Text @Bodies.Required @Size(max = 40, message = Bodies.LONGER) String updateCadence,
                     @Bodies.Text @Bodies.Required @Size(max = 40, message = Bodies.LONGER) String resolution,
                     @Bodies.Flag boolean businessHours) {
    }

    @Operation(summary = "Remove an SLA policy (lead); conversations move to the next matching one when next ranked")
    @DeleteMapping("/api/v1/sla-policies/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        long key = Ids.parse(id).orElseGet(() -> id.matches("-\\d{1,18}") ? Long.parseLong(id) : Long.MIN_VALUE);
        if (!policies.delete(key)) {
            throw EarshotException.notFound("SLA policy", id);
        }
    }

    private static Set<String> pick(List<String> given, String field, List<String> allowed) {
        Set<String> out = new LinkedHashSet<>();
        for (String v : given == null ? List.<String>of() : given) {
            if (!allowed.contains(v)) {
                throw EarshotException.invalid(field, "'" + v + "' is not one of " + allowed);
            }
            out.add(v);
        }
        return out;
    }

    static Map<String, Object> view(SlaPolicy p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(p.id()));
        m.put("name", p.name());
        m.put("position", p.position());
        m.put("channels", p.channels());
        m.put("intents", p.intents());
        m.put("levels", p.levels());
        m.put("sentiments", p.sentiments());
        m.put("minFollowers", p.minFollowers());
        m.put("teamId", p.teamId() == null ? null : p.teamId().toString());
        m.put("firstResponseSeconds", p.firstResponse().toSeconds());
        m.put("updateCadenceSeconds", p.updateCadence().toSeconds());
        m.put("resolutionSeconds", p.resolution().toSeconds());
        m.put("businessHours", p.businessHours());
        return m;
    }
}
