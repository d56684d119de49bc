package io.earshot.alerting.internal;

import io.earshot.alerting.Alert;
import io.earshot.alerting.Alerts;
import io.earshot.platform.Agent;
import io.earshot.platform.Agents;
import io.earshot.platform.EarshotClock;
import io.earshot.platform.TimerHandler;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Emails an alert to its recipients through SMTP ({@code spring.mail.*}); without a mail host it only
 * records that there was nobody to send through. A failed send is retried by the timer's backoff; a sent
 * alert is marked, so a repeated timer sends nothing twice.
 */
@Component
public class AlertMailer implements TimerHandler {

    public static final String TIMER = "alert-mail";
    private static final Logger log = LoggerFactory.getLogger(AlertMailer.class);

    private final JdbcTemplate jdbc;
    private final Alerts alerts;
    private final Agents agents;
    private final ObjectProvider<JavaMailSender> mail;
    private final AlertingSettings settings;
    private final EarshotClock clock;

    AlertMailer(JdbcTemplate jdbc, Alerts alerts, Agents agents, ObjectProvider<JavaMailSender> mail, AlertingSettings settings,
                EarshotClock clock) {
        this.jdbc = jdbc;
        this.alerts = alerts;
        this.agents = agents;
        this.mail = mail;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String timerName() {
        return TIMER;
    }

    @Override
    public void fire(String key) {
        long id = Long.parseLong(key);
        Alert alert = alerts.byId(id).orElse(null);
        if (alert == null || jdbc.queryForObject("select count(*) from alert where id = ? and mailed_at is not null", Long.class, id) > 0) {
            return;
        }
        JavaMailSender sender = mail.getIfAvailable();
        if (sender == null) {
            log.debug("alert {} not emailed: no spring.mail.host configured", id);
            jdbc.update("update alert set mailed_at = ? where id = ?", -1L, id);
            return;
        }
        List<String> to = alert.recipients().stream().map(Long::parseLong).map(agents::byId)
                .flatMap(java.util.Optional::stream).map(Agent::email).distinct().toList();
        if (!to.isEmpty()) {
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(settings.mailFrom());
            message.setTo(to.toArray(String[]::new));
            message.setSubject("[Earshot] " + alert.kind().replace('_', ' ') + " (" + alert.severity() + ")");
            message.setText(text(alert));
            sender.send(message);
        }
        jdbc.update("update alert set mailed_at = ? where id = ?", clock.millis(), id);
    }

    private String text(Alert alert) {
        StringBuilder b = new StringBuilder();
        Object message = alert.details().get("message");
        b.append(message == null ? alert.kind() : message).append("\n\n");
        if (alert.conversationId() != null) {
            b.append("Conversation: ").append(settings.publicUrl()).append("/api/v1/conversations/").append(alert.conversationId()).append('\n');
        }
        Object draft = alert.details().get("draftUpdate");
        if (draft != null) {
            b.append("\nA status update is drafted for the customer:\n\n").append(draft).append('\n');
        }
        b.append("\nFired at ").append(alert.firedAt()).append(" (alert ").append(alert.id()).append(").\n");
        return b.toString();
    }
}
