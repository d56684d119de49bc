package io.earshot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.earshot.cli.NabScore.Profile;
import io.earshot.cli.NabScore.Result;
import io.earshot.cli.NabScore.Window;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * NAB scoring on a 1,000-point series (probation: the first 150 points) with one window, points 400-499, worked by
 * hand: NAB's reward at relative position p is 2/(1+e^{5p}) − 1 = tanh(−5p/2), divided by its value at the window
 * start, tanh(2.5) = 0.986614.
 */
class NabScoreTest {

    private static final List<Window> ONE = List.of(new Window(400, 499));

    private static boolean[] at(int... points) {
        boolean[] d = new boolean[1000];
        for (int p : points) {
            d[p] = true;
        }
        return d;
    }

    @Test
    void probationIsFifteenPercentAtMostSevenHundredFifty() {
        assertThat(NabScore.probationaryLength(1000)).isEqualTo(150);
        assertThat(NabScore.probationaryLength(15902)).isEqualTo(750);
    }

    @Test
    void aDetectionAtTheWindowStartIsPerfectAndScores100() {
        Result r = NabScore.score(at(400), ONE, Profile.STANDARD);
        assertThat(r.raw()).isCloseTo(1.0, within(1e-9));
        assertThat(r.normalised()).isCloseTo(100.0, within(1e-9));
        assertThat(r.delays()).containsExactly(0);
    }

    @Test
    void aDetectionAtTheWindowsLastPointEarnsAlmostNothing() {
        // position −(499 − 499 + 1)/100 = −0.01: tanh(0.025) / tanh(2.5) = 0.0249948 / 0.986614 = 0.025334
        Result r = NabScore.score(at(499), ONE, Profile.STANDARD);
        assertThat(r.raw()).isCloseTo(0.025334, within(1e-6));
        assertThat(r.normalised()).isCloseTo(100 * (0.025334 + 1) / 2, within(1e-4));
    }

    @Test
    void onlyTheEarliestDetectionInAWindowCounts() {
        // position −(499 − 450 + 1)/100 = −0.5: tanh(1.25) / tanh(2.5) = 0.848284 / 0.986614 = 0.859793
        Result r = NabScore.score(at(450, 460, 499), ONE, Profile.STANDARD);
        assertThat(r.raw()).isCloseTo(0.859793, within(1e-6));
        assertThat(r.detected()).isEqualTo(1);
        assertThat(r.falsePositives()).isZero();
    }

    @Test
    void aFalsePositiveBeforeAnyWindowCostsTheWholeFpWeightByProfile() {
        Result standard = NabScore.score(at(200, 400), ONE, Profile.STANDARD);
        assertThat(standard.raw()).isCloseTo(1.0 - 0.11, within(1e-9));
        assertThat(standard.falsePositives()).isEqualTo(1);
        assertThat(NabScore.score(at(200, 400), ONE, Profile.REWARD_LOW_FP).raw()).isCloseTo(1.0 - 0.22, within(1e-9));
    }

    @Test
    void aFalsePositiveJustAfterAWindowCostsLittleAndOneWidthLaterAlmostAll() {
        // 10 points after the last point: position 10/99, tanh(−0.25253) = −0.247289
        assertThat(NabScore.score(at(400, 509), ONE, Profile.STANDARD).raw()).isCloseTo(1.0 - 0.11 * 0.247289, within(1e-6));
        // 99 points after: position 1, tanh(−2.5) = −0.986614
        assertThat(NabScore.score(at(400, 598), ONE, Profile.STANDARD).raw()).isCloseTo(1.0 - 0.11 * 0.986614, within(1e-6));
    }

    @Test
    void aMissedWindowCostsFnWeightAndScoresLikeTheNullDetector() {
        Result standard = NabScore.score(at(), ONE, Profile.STANDARD);
        assertThat(standard.raw()).isEqualTo(-1.0);
        assertThat(standard.normalised()).isZero();
        Result lowFn = NabScore.score(at(), ONE, Profile.REWARD_LOW_FN);
        assertThat(lowFn.raw()).isEqualTo(-2.0);
        assertThat(lowFn.normalised()).isZero();
    }

    @Test
    void detectionsAndWindowsInTheProbationaryPeriodDoNotCount() {
        List<Window> early = List.of(new Window(50, 99), new Window(400, 499));
        Result r = NabScore.score(at(60, 100, 400), early, Profile.STANDARD);
        assertThat(r.windows()).isEqualTo(1);
        assertThat(r.falsePositives()).isZero();
        assertThat(r.raw()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void aCategoryIsNormalisedOnItsSumsSoNullIs0AndPerfect100() {
        List<Window> two = List.of(new Window(200, 299), new Window(600, 699));
        Result perfect = NabScore.score(at(200, 600), two, Profile.STANDARD);
        Result none = NabScore.score(at(), ONE, Profile.STANDARD);
        assertThat(NabScore.normalise(List.of(perfect))).isCloseTo(100.0, within(1e-9));
        assertThat(NabScore.normalise(List.of(none))).isZero();
        // perfect on two windows, null on one: raw 2 − 1 = 1, null −3, perfect 3: (1 + 3) / (3 + 3) = 4/6
        assertThat(NabScore.normalise(List.of(perfect, none))).isCloseTo(100.0 * 4 / 6, within(1e-9));
    }
}
