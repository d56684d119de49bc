package io.earshot.api;

import io.earshot.platform.EarshotClock;
import io.earshot.platform.EarshotException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

@RestController
class ClockController {

    private final EarshotClock clock;
    private final ApplicationEventPublisher publisher;

    ClockController(EarshotClock clock, ApplicationEventPublisher publisher) {
        this.clock = clock;
        this.publisher = publisher;
    }

    @GetMapping("/api/v1/clock")
    Map<String, Object> now() {
        return Map.of("now", clock.instant(), "mode", clock.mode().name().toLowerCase());
    }

    /** Moves a manual clock forward (never back); timers that fall due fire. */
    @PostMapping("/api/v1/clock")
    Map<String, Object> move(@RequestBody JsonNode body) {
        Bodies.object(body);
        String text = Bodies.text(body, "now", true, 64);
        Instant target;
        try {
            target = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw EarshotException.invalid("now", "now must be an ISO-8601 instant such as 2031-05-05T10:00:00Z");
        }
        if (!clock.isControlled()) {
            throw new EarshotException(409, "clock_not_manual", "the clock follows the system time; start Earshot with "
                    + "earshot.clock=manual to move it", null);
        }
        Instant before = clock.instant();
        Instant now = clock.advanceTo(target);
        publisher.publishEvent(new io.earshot.platform.ClockMoved(before, now));
        return Map.of("now", now, "mode", clock.mode().name().toLowerCase());
    }
}
