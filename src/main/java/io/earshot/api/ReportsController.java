package io.earshot.api;

import io.earshot.followup.FollowupSettings;
import io.earshot.platform.EarshotException;
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
    private final FollowupSettings followup;

    ReportsController(Reports reports, Clock clock, FollowupSettings followup) {
        this.reports = reports;
        this.clock = clock;
        this.followup = followup;
    }

    /** The summary over conversations created from {@code from} (default: 7 days ago) to {@code to} (default: now). */
    @Operation(summary = "Summary over conversations created from..to: counts, first-response and resolution median/p90 (seconds), replies per hour")
    @GetMapping("/api/v1/reports/summary")
    Summary summary(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        Instant now = clock.instant();
        Instant end = to == null ? now : Bodies.instant("to", to);
        Instant start = from == null ? end.minus(Duration.ofDays(7)) : Bodies.instant("from", from);
        if (!start.isBefore(end)) {
            throw EarshotException.invalid("from", "from must be before to");
        }
        return reports.summary(start, end, now, followup.updateCadence());
    }
}
