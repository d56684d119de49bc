package io.earshot.api;

import io.earshot.followup.BusinessCalendar;
import io.earshot.platform.Agents;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Ids;
import io.earshot.platform.Team;
import io.earshot.platform.Teams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;

@RestController
@Tag(name = "Teams")
class TeamsController {

    private final Teams teams;
    private final Agents agents;

    TeamsController(Teams teams, Agents agents) {
        this.teams = teams;
        this.agents = agents;
    }

    @Operation(summary = "Create a team with its business calendar (admin): {name, timeZone?, hours?, holidays?, leadId?}",
            description = "hours like \"mon-fri 09:00-17:00; sat 10:00-14:00\" (default mon-fri 09:00-17:00), timeZone an IANA zone "
                    + "(default UTC), holidays a list of ISO dates. Promises said by its agents count business days by it.", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "example", value = Examples.TEAM))))
    @PostMapping("/api/v1/teams")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@Valid @RequestBody NewTeam body) {
        String name = name(body.name());
        Calendar c = calendar(body.timeZone(), body.hours(), body.holidays(), new Calendar("UTC", "mon-fri 09:00-17:00", ""));
        Long lead = lead(body.leadId());
        try {
            return view(teams.create(name, c.zone(), c.hours(), c.holidays(), lead));
        } catch (DuplicateKeyException e) {
            throw new EarshotException(409, "conflict", "a team named '" + name + "' exists", "name");
        }
    }

    @Operation(summary = "Change a team's calendar, name or lead (admin); fields left out stay as they are")
    @PutMapping("/api/v1/teams/{id}")
    Map<String, Object> update(@PathVariable String id, @Valid @RequestBody TeamChange body) {
        Team t = teams.byId(Ids.require(id, "team")).orElseThrow(() -> EarshotException.notFound("team", id));
        String name = body.name() == null ? t.name() : name(body.name());
        Calendar c = calendar(body.timeZone(), body.hours(), body.holidays(), new Calendar(t.timeZone(), t.hours(), t.holidays()));
        Long lead = body.leadId() == null ? t.leadId() : lead(body.leadId().orElse(null));
        Team changed = new Team(t.id(), name, c.zone(), c.hours(), c.holidays(), lead);
        try {
            teams.update(changed);
        } catch (DuplicateKeyException e) {
            throw new EarshotException(409, "conflict", "a team named '" + changed.name() + "' exists", "name");
        }
        return view(changed);
    }

    @Operation(summary = "The teams and their calendars")
    @GetMapping("/api/v1/teams")
    Map<String, Object> list() {
        return Map.of("items", teams.all().stream().map(this::view).toList());
    }

    @Operation(summary = "One team with its members")
    @GetMapping("/api/v1/teams/{id}")
    Map<String, Object> one(@PathVariable String id) {
        return view(teams.byId(Ids.require(id, "team")).orElseThrow(() -> EarshotException.notFound("team", id)));
    }

    @Operation(summary = "Put an agent in a team, or in none with {teamId: null} (admin)")
    @PostMapping("/api/v1/agents/{id}/team")
    Map<String, Object> join(@PathVariable String id, @Valid @RequestBody Membership body) {
        long agentId = Ids.require(id, "agent");
        agents.byId(agentId).orElseThrow(() -> EarshotException.notFound("agent", id));
        String teamText = body.teamId();
        Long teamId = null;
        if (teamText != null) {
            teamId = teams.byId(Ids.parse(teamText).orElse(-1L)).map(Team::id).orElseThrow(() ->
                    new EarshotException(404, "not_found", "no team with id '" + teamText + "'", "teamId"));
        }
        teams.join(agentId, teamId);
        return Map.of("agentId", id, "teamId", teamId == null ? "" : teamId.toString());
    }

    /** A new team: {name, timeZone?, hours?, holidays?, leadId?}. */
    record NewTeam(@Bodies.Text @Bodies.Required @Size(max = 200, message = Bodies.LONGER) String name,
                   @Bodies.Text @Size(max = 64, message = Bodies.LONGER) String timeZone,
                   @Bodies.Text @Size(max = 300, message = Bodies.LONGER) String hours,
                   @Bodies.Strings @Size(max = 50, message = Bodies.AT_MOST) List<String> holidays,
                   @Bodies.Id String leadId) {
    }

    /** A team's change: a field left out stays as it is; holidays or leadId null clears it. */
    record TeamChange(@Bodies.Text @Size(max = 200, message = Bodies.LONGER) String name,
                      @Bodies.Text @Size(max = 64, message = Bodies.LONGER) String timeZone,
                      @Bodies.Text @Size(max = 300, message = Bodies.LONGER) String hours,
                      @Bodies.Strings(nullIsEmpty = true) @Size(max = 50, message = Bodies.AT_MOST) List<String> holidays,
                      @Bodies.ClearableId Optional<String> leadId) {
    }

    /** {teamId}; null takes the agent out of every team. */
    record Membership(@Bodies.Id String teamId) {
    }

    private record Calendar(String zone, String hours, String holidays) {
    }

    /**
     * A team's name without what cannot be seen around it: spaces of every kind (no-break ones too), zero-width and
     * other format characters, control characters. Nothing visible left is a blank name, refused.
     */
    static String name(String given) {
        int start = 0;
        int end = given.length();
        while (start < end && invisible(given.codePointAt(start))) {
            start += Character.charCount(given.codePointAt(start));
        }
        while (end > start && invisible(given.codePointBefore(end))) {
            end -= Character.charCount(given.codePointBefore(end));
        }
        if (start == end) {
            throw EarshotException.invalid("name", "name must not be blank");
        }
        return given.substring(start, end);
    }

    private static boolean invisible(int c) {
        int type = Character.getType(c);
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || type == Character.FORMAT || type == Character.CONTROL;
    }

    /** The calendar given, each part left out taken from {@code otherwise}. */
    private static Calendar calendar(String z, String h, List<String> holidays, Calendar otherwise) {
        String days = holidays == null ? otherwise.holidays() : String.join(",", holidays);
        Calendar c = new Calendar(z == null ? otherwise.zone() : z.strip(), h == null ? otherwise.hours() : h.strip(), days);
        try {
            BusinessCalendar.parse(c.zone(), c.hours(), c.holidays());
        } catch (IllegalArgumentException e) {
            String field = e.getMessage().contains("zone") ? "timeZone" : e.getMessage().contains("holiday") ? "holidays" : "hours";
            throw EarshotException.invalid(field, e.getMessage());
        }
        return c;
    }

    private Long lead(String text) {
        if (text == null) {
            return null;
        }
        return Ids.parse(text).flatMap(agents::byId).map(a -> a.id()).orElseThrow(() ->
                new EarshotException(404, "not_found", "no agent with id '" + text + "'", "leadId"));
    }

    private Map<String, Object> view(Team t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(t.id()));
        m.put("name", t.name());
        m.put("timeZone", t.timeZone());
        m.put("hours", t.hours());
        m.put("holidays", t.holidays().isBlank() ? java.util.List.of() : java.util.List.of(t.holidays().split(",")));
        m.put("leadId", t.leadId() == null ? null : t.leadId().toString());
        m.put("members", teams.members(t.id()).stream().map(String::valueOf).toList());
        return m;
    }
}
