package io.earshot.api;

import io.earshot.platform.EarshotException;
import io.earshot.reporting.AgentFigures;
import io.earshot.reporting.Reports;
import io.earshot.reporting.Summary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Reports")
class ReportsController {

    private final Reports reports;
    private final Clock clock;
    private final io.earshot.platform.ExpensiveReads expensive;

    ReportsController(Reports reports, Clock clock, io.earshot.platform.ExpensiveReads expensive) {
        this.reports = reports;
        this.clock = clock;
        this.expensive = expensive;
    }

    /** The summary over {@code from} (default: 7 days ago) to {@code to} (default: now). */
    @Operation(summary = "Summary over from..to: conversations, first-response and resolution median/p90 (seconds), "
            + "commitments made/kept/broken, SLA compliance per target, silent conversations, CSAT, replies per hour")
    @GetMapping("/api/v1/reports/summary")
    Summary summary(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Instant[] period = period(from, to);
        return expensive.run(() -> reports.summary(period[0], period[1]));
    }

    /** Follow-through per agent. */
    @Operation(summary = "Per agent over from..to: replies, commitments made/kept/broken and kept rate, SLA breaches, silent conversations, CSAT")
    @GetMapping("/api/v1/reports/agents")
    java.util.Map<String, Object> agents(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Instant[] period = period(from, to);
        java.util.List<AgentFigures> items = expensive.run(() -> reports.perAgent(period[0], period[1]));
        return java.util.Map.of("from", period[0], "to", period[1], "items", items);
    }

    /** Follow-through per team. */
    @Operation(summary = "Per team over from..to: the same figures as per agent, summed over the team's agents")
    @GetMapping("/api/v1/reports/teams")
    java.util.Map<String, Object> teams(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Instant[] period = period(from, to);
        return java.util.Map.of("from", period[0], "to", period[1], "items", expensive.run(() -> reports.perTeam(period[0], period[1])));
    }

    private Instant[] period(String from, String to) {
        Instant now = clock.instant();
        Instant end = to == null ? now : Bodies.instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(7)) : Bodies.instant("from", from);
        if (!start.isBefore(end)) {
            throw EarshotException.invalid("from", "from must be before to");
        }
        return new Instant[] {start, end};
    }
}
