package io.earshot.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.conversation.ConversationQueries;
import io.earshot.conversation.ConversationQuery;
import io.earshot.conversation.ConversationView;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/** The demo profile fills the desk through the real intake: ranked, classified conversations on several channels. */
@SpringBootTest(properties = {
        "earshot.demo.enabled=true", "earshot.demo.backlog=120", "earshot.demo.interval=1h",
        "earshot.admin-token=demo-test",
        "earshot.test.database=demo"})
class DemoTrafficTest {

    @Autowired
    ConversationQueries queries;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theBacklogMakesALivingDesk() {
        assertThat(jdbc.queryForObject("select count(*) from message", Long.class)).isGreaterThanOrEqualTo(120);
        List<ConversationView> top = queries.list(new ConversationQuery("open", "priority", null, null, null, 200, null)).items();
        assertThat(top).hasSizeGreaterThan(20);
        Set<String> channels = top.stream().map(ConversationView::channel).collect(Collectors.toSet());
        Set<String> intents = top.stream().map(ConversationView::intent).collect(Collectors.toSet());
        assertThat(channels.size()).isGreaterThanOrEqualTo(4);
        assertThat(intents).contains("complaint", "outage");
        assertThat(top.get(0).priority().score()).isGreaterThan(top.get(top.size() - 1).priority().score());
        assertThat(top.get(0).priority().reasons()).isNotEmpty();
        assertThat(top.stream().filter(c -> c.customer().followers() > 100_000)).isNotEmpty();
    }

    @Test
    void theDemoAgentMakesPromisesAndTheBacklogsMissedDeadlinesRaiseAlerts() throws InterruptedException {
        assertThat(jdbc.queryForObject("select count(*) from commitment where source = 'reply'", Long.class)).isGreaterThanOrEqualTo(3);
        assertThat(jdbc.queryForList("select title from canned_response", String.class))
                .as("the composer's picker has the demo's canned responses").hasSize(DemoDesk.CANNED.size())
                .contains("Outage: we know and are on it");
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        long breaches = 0;
        while (System.nanoTime() < deadline && breaches == 0) {
            Thread.sleep(200);
            breaches = jdbc.queryForObject("select count(*) from alert where kind = 'sla_breach'", Long.class);
        }
        assertThat(breaches).as("the backlog's overdue first responses raise sla_breach alerts once timers poll").isPositive();
    }
}
