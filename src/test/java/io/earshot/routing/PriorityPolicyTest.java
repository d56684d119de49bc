package io.earshot.routing;

import io.earshot.routing.internal.PriorityPolicy;
import io.earshot.routing.internal.RoutingSettings;
import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.conversation.Priority;
import io.earshot.conversation.PriorityInput;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PriorityPolicyTest {

    private final PriorityPolicy policy = new PriorityPolicy(new RoutingSettings(Duration.ofMinutes(15)));

    private static PriorityInput input(String label, double score, String intent, long followers, boolean verified,
                                       Duration waiting, int count) {
        return new PriorityInput(label, score, intent, followers, verified, waiting, count, true);
    }

    @Test
    void anOutageOrComplaintOutranksPraise() {
        Priority outage = policy.score(input("negative", -0.7, "outage", 40, false, Duration.ZERO, 1));
        Priority complaint = policy.score(input("negative", -0.7, "complaint", 40, false, Duration.ZERO, 1));
        Priority praise = policy.score(input("positive", 0.9, "praise", 40, false, Duration.ZERO, 1));
        assertThat(outage.score()).isGreaterThan(complaint.score());
        assertThat(complaint.score()).isGreaterThan(praise.score());
        assertThat(outage.reasons()).contains("reports an outage");
        assertThat(praise.level()).isEqualTo("low");
    }

    @Test
    void reachRaisesPriorityAndIsExplainedButNobodyIsIgnored() {
        Priority big = policy.score(input("negative", -0.6, "complaint", 250_000, true, Duration.ZERO, 1));
        Priority small = policy.score(input("negative", -0.6, "complaint", 40, false, Duration.ZERO, 1));
        assertThat(big.score()).isGreaterThan(small.score());
        assertThat(big.reasons()).anyMatch(r -> r.contains("verified") && r.contains("250k"));
        assertThat(small.reasons()).noneMatch(r -> r.contains("followers"));
        assertThat(small.level()).isIn("normal", "high");
    }

    @Test
    void waitingAndRepeatContactRaiseIt() {
        Priority fresh = policy.score(input("neutral", 0, "question", 10, false, Duration.ZERO, 1));
        Priority waited = policy.score(input("neutral", 0, "question", 10, false, Duration.ofHours(3), 3));
        assertThat(waited.score()).isGreaterThan(fresh.score());
        assertThat(waited.reasons()).contains("waiting 3 hours", "wrote 3 times");
    }

    @Test
    void urgentIsKeptForWhatCannotWait() {
        // a fresh public complaint, even an angry one, is the everyday work of a social desk: normal
        assertThat(policy.score(input("negative", -0.9, "complaint", 300, false, Duration.ZERO, 1)).level()).isEqualTo("normal");
        // written again and left waiting over an hour: high
        assertThat(policy.score(input("negative", -0.6, "complaint", 300, false, Duration.ofMinutes(80), 2)).level()).isEqualTo("high");
        // an angry outage report, repeated and waiting, or a complaint heard by a wide audience: urgent
        assertThat(policy.score(input("negative", -0.9, "outage", 300, false, Duration.ofMinutes(80), 3)).level()).isEqualTo("urgent");
        assertThat(policy.score(input("negative", -0.8, "complaint", 400_000, true, Duration.ofMinutes(45), 2)).level()).isEqualTo("urgent");
    }

    @Test
    void itIsDeterministicAndBounded() {
        PriorityInput worst = input("negative", -1, "outage", 50_000_000, true, Duration.ofDays(30), 50);
        assertThat(policy.score(worst)).isEqualTo(policy.score(worst));
        assertThat(policy.score(worst).score()).isEqualTo(100);
        assertThat(policy.score(worst).level()).isEqualTo("urgent");
        assertThat(policy.score(input("positive", 1, "praise", 0, false, Duration.ZERO, 1)).score()).isBetween(0, 100);
    }
}
