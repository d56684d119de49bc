package io.earshot.alerting.internal;

import io.earshot.alerting.Alerts;
import io.earshot.followup.CommitmentBroken;
import io.earshot.followup.CommitmentFallingDue;
import io.earshot.followup.CustomerLeftInSilence;
import io.earshot.followup.SlaBreached;
import io.earshot.platform.Team;
import io.earshot.platform.Teams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.earshot.platform.AfterCommit;
import org.springframework.stereotype.Component;

/**
 * Turns what follow-up noticed into alerts: who hears of it, how severe it is, and the key that makes it
 * fire once. Runs after the transaction that noticed it commits, in its own ({@code @AfterCommit}, recorded by the
 * event publication registry); the dedupe key makes a second run raise nothing.
 */
@Component
public class AlertRules {

    private final Alerts alerts;
    private final Teams teams;

    AlertRules(Alerts alerts, Teams teams) {
        this.alerts = alerts;
        this.teams = teams;
    }

    @AfterCommit
    void on(SlaBreached e) {
        if ("nextUpdate".equals(e.target())) {
            return; // a missed update is a silence: silent_customer tells it
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("target", e.target());
        details.put("dueAt", e.dueAt().toString());
        details.put("policy", e.policy());
        details.put("message", ("firstResponse".equals(e.target()) ? "No first response" : "Not resolved")
                + " by " + e.dueAt() + " (" + e.policy() + ")");
        alerts.raise(new Alerts.NewAlert("sla_breach", "high", e.conversationId(), null, withLead(e.assigneeId()), details,
                "sla_breach:" + e.conversationId() + ":" + e.target() + ":" + e.dueAt().toEpochMilli()));
    }

    @AfterCommit
    void on(CustomerLeftInSilence e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("level", e.level());
        details.put("silentSince", e.silentSince().toString());
        details.put("silentForSeconds", java.time.Duration.between(e.silentSince(), e.noticedAt()).toSeconds());
        details.put("updateCadenceSeconds", e.cadence().toSeconds());
        details.put("message", "The customer has heard nothing from us since " + e.silentSince()
                + (e.level() > 1 ? " (alert " + e.level() + " for this silence)" : ""));
        String severity = e.level() == 1 ? "warning" : e.level() == 2 ? "high" : "critical";
        List<Long> to = e.level() == 1 ? listOf(e.assigneeId()) : withLead(e.assigneeId());
        alerts.raise(new Alerts.NewAlert("silent_customer", severity, e.conversationId(), null, to, details,
                "silent_customer:" + e.conversationId() + ":" + e.silentSince().toEpochMilli() + ":" + e.level()));
    }

    @AfterCommit
    void on(CommitmentFallingDue e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("text", e.text());
        details.put("dueAt", e.dueAt().toString());
        details.put("draftUpdate", e.draftUpdate());
        details.put("message", "A promise falls due at " + e.dueAt() + ": \"" + shorten(e.text()) + "\"");
        alerts.raise(new Alerts.NewAlert("commitment_due", "warning", e.conversationId(), e.commitmentId(), listOf(e.ownerId()),
                details, "commitment_due:" + e.commitmentId()));
    }

    @AfterCommit
    void on(CommitmentBroken e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("text", e.text());
        details.put("dueAt", e.dueAt().toString());
        details.put("draftUpdate", e.draftUpdate());
        details.put("message", "A promise was broken (due " + e.dueAt() + "): \"" + shorten(e.text()) + "\"");
        alerts.raise(new Alerts.NewAlert("commitment_broken", "high", e.conversationId(), e.commitmentId(), withLead(e.ownerId()),
                details, "commitment_broken:" + e.commitmentId()));
    }

    private static String shorten(String text) {
        return text.length() <= 200 ? text : text.substring(0, 199) + "…";
    }

    private List<Long> withLead(Long agentId) {
        List<Long> to = listOf(agentId);
        teams.teamOf(agentId).map(Team::leadId).ifPresent(to::add);
        return to;
    }

    private static List<Long> listOf(Long agentId) {
        List<Long> to = new ArrayList<>();
        if (agentId != null) {
            to.add(agentId);
        }
        return to;
    }
}
