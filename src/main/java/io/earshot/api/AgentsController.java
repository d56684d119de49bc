package io.earshot.api;

import io.earshot.platform.AgentService;
import io.earshot.platform.EarshotException;
import io.earshot.platform.Role;
import java.util.Map;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Agents")
class AgentsController {

    private final AgentService agents;

    AgentsController(AgentService agents) {
        this.agents = agents;
    }

    /** Creates an agent (admin only); the token is shown in this answer only. */
    @Operation(summary = "Create an agent (admin only); the token is returned this once; an optional password (10+ characters) lets the agent sign in to the desk", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "example", value = Examples.AGENT))), responses = {@ApiResponse(responseCode = "201", description = "created", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.AGENT_RESULT))), @ApiResponse(responseCode = "403", description = "not an admin", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.ERROR))), @ApiResponse(responseCode = "409", description = "the email is taken", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.ERROR)))})
    @PostMapping("/api/v1/agents")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> create(@Valid @RequestBody NewAgent body) {
        Role role = body.role() == null ? Role.AGENT : Role.fromWire(body.role()).orElseThrow(() ->
                EarshotException.invalid("role", "role must be agent, lead or admin"));
        AgentService.Created created = agents.create(body.name(), body.email(), role, body.password());
        return Map.of("id", Long.toString(created.agent().id()), "name", created.agent().name(),
                "email", created.agent().email(), "role", created.agent().role().wireName(), "token", created.token());
    }

    /** Sets or resets an agent's sign-in password for the browser desk (admin only). */
    @Operation(summary = "Set or reset an agent's desk password (admin): {password} (10+ characters); lifts a sign-in lock")
    @PostMapping("/api/v1/agents/{id}/password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void password(@org.springframework.web.bind.annotation.PathVariable String id, @Valid @RequestBody NewPassword body) {
        agents.setPassword(io.earshot.platform.Ids.require(id, "agent"), body.password());
    }

    /** POST /api/v1/agents: {name, email, role?, password?}. */
    record NewAgent(@Bodies.Text @Bodies.Required @Size(max = 200, message = Bodies.LONGER) String name,
                    @Bodies.Text @Bodies.Required @Size(max = 320, message = Bodies.LONGER)
                    @Pattern(regexp = "[^@\\s]+@[^@\\s]+", message = "must be an address like name@example.com") String email,
                    @Bodies.Text @Size(max = 20, message = Bodies.LONGER) String role,
                    @Bodies.Text @Size(max = 200, message = Bodies.LONGER) String password) {
    }

    /** POST /api/v1/agents/{id}/password: {password}. */
    record NewPassword(@Bodies.Text @Bodies.Required @Size(max = 200, message = Bodies.LONGER) String password) {
    }
}
