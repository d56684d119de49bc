package io.earshot.alerting.internal;

import io.earshot.alerting.Alerts;
import io.earshot.followup.CommitmentBroken;
import io.earshot.followup.CommitmentFallingDue;
import io.earshot.followup.CustomerLeftInSilence;
import io.earshot.followup.SlaBreached;
import io.earshot.listening.SpikeDetected;
import io.earshot.platform.Agent;
import io.earshot.platform.Agents;
import io.earshot.platform.Role;
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
    private final Agents agents;

    AlertRules(Alerts alerts, Teams teams, Agents agents) {
        this.alerts = alerts;
        this.teams = teams;
        this.agents = agents;
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

    @AfterCommit
    void on(SpikeDetected e) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("series", e.series());
        details.put("topic", e.topicName());
        details.put("observed", e.observed());
        details.put("expected", Math.round(e.expected() * 10) / 10.0);
        details.put("ratio", Math.round(e.ratio() * 10) / 10.0);
        details.put("bucketStart", e.bucketStart().toString());
        details.put("sampleMessageIds", e.sampleMessageIds().stream().map(String::valueOf).toList());
        details.put("conversationIds", e.conversationIds().stream().limit(50).map(String::valueOf).toList());
        details.put("topWords", e.topWords());
        String what = e.topicId() == 0 ? ("negative".equals(e.series()) ? "Negative inbound messages" : "Inbound messages")
                : ("negative".equals(e.series()) ? "Negative messages about " : "Messages about ") + e.topicName();
        details.put("message", what + ": " + e.description());
        List<Long> leads = agents.all().stream().filter(a -> a.holds(Role.LEAD)).map(Agent::id).toList();
        alerts.raise(new Alerts.NewAlert("spike", "negative".equals(e.series()) ? "high" : "warning", null, null,
                e.topicId() == 0 ? null : e.topicId(), leads, details,
                "spike:" + e.topicId() + ":" + e.series() + ":" + e.bucketStart().toEpochMilli()));
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
