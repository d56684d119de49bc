package io.earshot.followup;

import io.earshot.conversation.DeadlineInput;
import io.earshot.conversation.DeadlinePlanner;
import io.earshot.conversation.Deadlines;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Around-the-clock deadlines from the default SLA policy: a fast first response to negative public posts,
 * a steady update cadence while the case is open, a resolution target. Pure: the same input gives the same
 * deadlines. (Business calendars and per-condition policies are still to come.)
 */
@Component
class DefaultDeadlines implements DeadlinePlanner {

    private final FollowupSettings settings;

    DefaultDeadlines(FollowupSettings settings) {
        this.settings = settings;
    }

    @Override
    public Deadlines plan(DeadlineInput in) {
        if ("resolved".equals(in.status()) || in.createdAt() == null) {
            return new Deadlines(null, null, null);
        }
        boolean urgent = "negative".equals(in.sentimentLabel()) || "complaint".equals(in.intent())
                || "outage".equals(in.intent());
        Instant firstDue = in.createdAt().plus(urgent ? settings.firstResponseNegative() : settings.firstResponse());
        Instant nextUpdate = null;
        if (in.lastOutboundAt() != null && "open".equals(in.status())) {
            nextUpdate = in.lastOutboundAt().plus(settings.updateCadence());
        }
        Instant resolution = in.createdAt().plus(settings.resolution());
        return new Deadlines(firstDue, nextUpdate, resolution);
    }
}
