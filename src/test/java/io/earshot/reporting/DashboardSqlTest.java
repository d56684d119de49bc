package io.earshot.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.earshot.TestPostgres;
import io.earshot.platform.EarshotException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The dashboard's statements on PostgreSQL, over a handful of rows whose figures are known. */
class DashboardSqlTest {

    static final long H = 3_600_000L;
    static final Instant FROM = Instant.parse("2026-05-01T00:00:00Z");
    static final long T0 = FROM.toEpochMilli();

    @Test
    void figuresAreGroupedPerBucket() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource());
        // before the period: one still open, one resolved before it, one resolved in its second hour
        conversation(jdbc, 1, T0 - 5 * H, null, null, null);
        conversation(jdbc, 2, T0 - 5 * H, T0 - 4 * H, 60L, 3600L);
        conversation(jdbc, 3, T0 - 2 * H, T0 + H + 10, 600L, 3 * 3600 + 10L);
        // in the first hour: answered in 10 min and resolved within 30 min; answered after 2 h and still open
        conversation(jdbc, 4, T0 + 1000, T0 + 1000 + H / 2, 600L, 1800L);
        conversation(jdbc, 5, T0 + 2000, null, 7200L, null);
        // in the third hour: never answered
        conversation(jdbc, 6, T0 + 2 * H + 5, null, null, null);
        message(jdbc, 1, true, T0 + 1000, "twitter", "negative", null);
        message(jdbc, 2, true, T0 + 2000, "twitter", "neutral", null);
        message(jdbc, 3, true, T0 + 3000, "email", null, null);
        message(jdbc, 4, true, T0 + 2 * H + 5, "email", "positive", null);
        message(jdbc, 5, true, T0 - 1, "twitter", "negative", null); // before the period
        message(jdbc, 6, false, T0 + 600_000, "twitter", null, 77L);
        message(jdbc, 7, false, T0 + 2 * H, "email", null, 77L);
        message(jdbc, 8, false, T0 + 2 * H, "email", null, 78L);
        message(jdbc, 9, false, T0 + 2 * H, "email", null, null); // no agent: left out of the per-agent figures
        jdbc.update("insert into agent (id, name, email, role, token_hash, created_at) values (77, '=Dana', 'd@x', 'agent', 'h1', 0)");
        jdbc.update("insert into agent (id, name, email, role, token_hash, created_at) values (78, 'Sam', 's@x', 'agent', 'h2', 0)");

        Dashboard dashboard = new Dashboard(jdbc, new Reports(jdbc));
        Dashboard.Figures f = dashboard.figures(FROM, FROM.plus(Duration.ofHours(4)));

        assertThat(f.bucket()).isEqualTo(Duration.ofHours(1));
        assertThat(f.buckets()).hasSize(4).first().isEqualTo(FROM);
        assertThat(f.byChannel()).extracting(Dashboard.Series::key).containsExactly("email", "twitter");
        assertThat(f.byChannel().get(0).values()).containsExactly(1, 0, 1, 0);
        assertThat(f.byChannel().get(1).values()).containsExactly(2, 0, 0, 0);
        assertThat(f.bySentiment()).extracting(Dashboard.Series::key).containsExactly("negative", "neutral", "positive", "unclassified");
        assertThat(f.bySentiment().get(0).values()).containsExactly(1, 0, 0, 0);
        assertThat(f.bySentiment().get(2).values()).containsExactly(0, 0, 1, 0);
        assertThat(f.bySentiment().get(3).values()).containsExactly(1, 0, 0, 0);
        assertThat(f.firstResponse()).containsExactly(1, 0, 1, 0, 0, 0);
        assertThat(f.resolution()).containsExactly(0, 1, 0, 0, 0, 0);
        // at the end of each hour: 1 and 3 waiting before; +4 +5 -4 in the first hour; -3 in the second; +6 in the third
        assertThat(f.backlog()).containsExactly(3, 2, 3, 3);
        assertThat(f.agents()).extracting(Dashboard.AgentRate::name).containsExactly("=Dana", "Sam");
        assertThat(f.agents().get(0).replies()).isEqualTo(2);
        assertThat(f.agents().get(0).perHour()).isEqualTo(0.5);
        assertThat(f.summary().conversations()).isEqualTo(3);

        // longer than three days: days, the first clipped to the period's start
        Dashboard.Figures days = dashboard.figures(FROM.minus(Duration.ofHours(12)), FROM.plus(Duration.ofDays(3)).plusSeconds(1));
        assertThat(days.bucket()).isEqualTo(Duration.ofDays(1));
        assertThat(days.buckets()).hasSize(5);
        assertThat(days.buckets().get(0)).isEqualTo(FROM.minus(Duration.ofHours(12)));
        assertThat(days.buckets().get(1)).isEqualTo(FROM);
        assertThat(days.byChannel().get(0).key()).isEqualTo("twitter");
        assertThat(days.byChannel().get(0).values()).containsExactly(1, 2, 0, 0, 0);
        assertThat(days.backlog()).containsExactly(2, 3, 3, 3, 3);

        assertThatThrownBy(() -> dashboard.figures(FROM, FROM)).isInstanceOf(EarshotException.class);
        assertThatThrownBy(() -> dashboard.figures(FROM, FROM.plus(Duration.ofDays(400)))).isInstanceOf(EarshotException.class);
    }

    private static DataSource dataSource() {
        String name = "dashboard";
        DriverManagerDataSource ds = new DriverManagerDataSource(TestPostgres.newDatabase(name), TestPostgres.username(),
                TestPostgres.password());
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        return ds;
    }

    private static void conversation(JdbcTemplate jdbc, long id, long created, Long resolved, Long firstResponse, Long resolution) {
        jdbc.update("insert into conversation (id, customer_id, channel, status, preview, priority_score, priority_level, priority_reasons, "
                        + "created_at, last_activity_at, resolved_at, first_response_seconds, resolution_seconds) "
                        + "values (?, 1, 'twitter', ?, '', 0, 'normal', '', ?, ?, ?, ?, ?)",
                id, resolved == null ? "open" : "resolved", created, created, resolved, firstResponse, resolution);
    }

    private static void message(JdbcTemplate jdbc, long id, boolean inbound, long at, String channel, String sentiment, Long agent) {
        jdbc.update("insert into message (id, channel, external_id, conversation_id, customer_id, inbound, author_handle, agent_id, body, "
                + "created_at, received_at, sentiment_label) values (?, ?, ?, 1, 1, ?, 'x', ?, '', ?, ?, ?)",
                id, channel, "m" + id, inbound, agent, at, at, sentiment);
    }
}
