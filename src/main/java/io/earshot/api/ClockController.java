package io.earshot.api;

import io.earshot.platform.EarshotClock;
import io.earshot.platform.EarshotException;
import io.earshot.platform.TimerEngine;
import java.time.Instant;
import java.util.Map;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;

@RestController
@Tag(name = "Clock")
class ClockController {

    private final EarshotClock clock;
    private final TimerEngine timers;

    ClockController(EarshotClock clock, TimerEngine timers) {
        this.clock = clock;
        this.timers = timers;
    }

    @Operation(summary = "The time Earshot runs on, and the clock mode")
    @GetMapping("/api/v1/clock")
    Map<String, Object> now() {
        return Map.of("now", clock.instant(), "mode", clock.mode().name().toLowerCase());
    }

    /** Moves a manual clock forward (never back); timers that fall due fire. */
    @Operation(summary = "Move the manual clock forward (admin; earshot.clock=manual)", description = "Never backwards; every timer that falls due fires, so weeks of follow-up can be tested in a second.", requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "example", value = Examples.CLOCK))), responses = {@ApiResponse(responseCode = "403", description = "not an admin", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.ERROR))), @ApiResponse(responseCode = "409", description = "the clock follows the system time", content = @Content(mediaType = "application/json", examples = @ExampleObject(value = Examples.ERROR)))})
    @PostMapping("/api/v1/clock")
    Map<String, Object> move(@Valid @RequestBody ClockMove body) {
        Instant target = Bodies.instant("now", body.now());
        if (!clock.isControlled()) {
            throw new EarshotException(409, "clock_not_manual", "the clock follows the system time; start Earshot with "
                    + "earshot.clock=manual to move it", null);
        }
        Instant now = timers.advanceTo(target);
        return Map.of("now", now, "mode", clock.mode().name().toLowerCase());
    }

    /** POST /api/v1/clock: {now}, an ISO-8601 instant. */
    record ClockMove(@Bodies.Text @Bodies.Required @Size(max = 64, message = Bodies.LONGER) String now) {
    }
}
