package io.earshot.followup.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.followup.BusinessCalendar;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnglishPromiseFinderTest {

    static final Duration SOON = Duration.ofHours(4);
    /** Thursday 2026-11-19, 14:05 UTC: inside the default calendar's hours (Mon-Fri 09:00-17:00 UTC). */
    static final Instant THURSDAY = Instant.parse("2026-11-19T14:05:00Z");

    final PromiseFinder finder = new EnglishPromiseFinder();

    List<FoundPromise> find(String text, Instant said) {
        return finder.find(text, said, BusinessCalendar.DEFAULT, SOON);
    }

    FoundPromise one(String text, Instant said) {
        List<FoundPromise> found = find(text, said);
        assertThat(found).as(text).hasSize(1);
        return found.get(0);
    }

    @Test
    void readsEnglish() {
        assertThat(finder.language()).isEqualTo("en");
    }

    @Test
    void pandoraLookIntoItWithin24Hours() {
        FoundPromise p = one("Thanks for reaching out! We'll look into it and get back to you within 24 hours.",
                Instant.parse("2026-11-19T10:03:00Z"));
        assertThat(p.kind()).isEqualTo("update");
        assertThat(p.dueAt()).isEqualTo(Instant.parse("2026-11-20T10:03:00Z"));
        assertThat(p.when()).isEqualTo("within 24 hours");
        assertThat(p.sentence()).isEqualTo("We'll look into it and get back to you within 24 hours.");
    }

    @Test
    void airbnbPaymentInACoupleOfBusinessDaysIsARefundDueMondaysClose() {
        // money owed to the customer, whatever the verb ("sent"), is a refund
        FoundPromise p = one("The payment will be sent to you in a couple of business days.", Instant.parse("2026-11-19T15:00:00Z"));
        assertThat(p.kind()).isEqualTo("refund");
        assertThat(p.dueAt()).isEqualTo(Instant.parse("2026-11-23T17:00:00Z"));
    }

    @Test
    void airbnbPaymentReachingTheAccountIsTheStorysBrokenPromise() {
        // the seed story's own sentence (../shared/seeds/003): said Thursday 15:00, two business days is Monday's close
        FoundPromise p = one("The payment will reach your account in a couple of business days.", Instant.parse("2026-11-19T15:00:00Z"));
        assertThat(p.kind()).isEqualTo("refund");
        assertThat(p.when()).isEqualTo("in a couple of business days");
        assertThat(p.dueAt()).isEqualTo(Instant.parse("2026-11-23T17:00:00Z"));
    }

    @Test
    void byThenTakesTheTimeNamedBeforeIt() {
        List<FoundPromise> found = find("We'll refund the charge within 2 hours and I will update you by then.", THURSDAY);
        assertThat(found).extracting(FoundPromise::kind).containsExactly("refund", "update");
        assertThat(found).extracting(FoundPromise::dueAt).containsOnly(Instant.parse("2026-11-19T16:05:00Z"));
    }

    @Test
    void aTimeTodayThatHasPassedIsReadAsTomorrowWithADoubt() {
        FoundPromise late = one("I'll call you back today by 5pm.", Instant.parse("2026-11-19T17:40:00Z"));
        assertThat(late.dueAt()).isEqualTo(Instant.parse("2026-11-20T17:00:00Z"));
        assertThat(late.doubt()).contains("already passed");
        FoundPromise inTime = one("I'll call you back today by 5pm.", THURSDAY);
        assertThat(inTime.dueAt()).isEqualTo(Instant.parse("2026-11-19T17:00:00Z"));
        assertThat(inTime.doubt()).isNull();
    }

    @Test
    void aRecurringUpdateIsACadenceDueOneCadenceOn() {
        FoundPromise p = one("We'll update you every 2 hours until it's fixed.", THURSDAY);
        assertThat(p.kind()).isEqualTo("update");
        assertThat(p.cadence()).isEqualTo(Duration.ofHours(2));
        assertThat(p.dueAt()).isEqualTo(THURSDAY.plus(Duration.ofHours(2)));
        assertThat(p.when()).isEqualTo("every 2 hours");
        assertThat(one("I'll keep you posted every hour.", THURSDAY).cadence()).isEqualTo(Duration.ofHours(1));
        FoundPromise daily = one("We will send you daily updates until the outage is over.", THURSDAY);
        assertThat(daily.kind()).isEqualTo("update");
        assertThat(daily.cadence()).isEqualTo(Duration.ofDays(1));
        assertThat(one("We'll look into it.", THURSDAY).cadence()).isNull();
        assertThat(find("Our engineers work on it every day.", THURSDAY)).isEmpty();
    }

    @Test
    void aLookIntoItRightBeforeARequestForDetailsWaitsOnTheAnswerUnlessItNamesATime() {
        assertThat(find("We'll check this for you. Can you DM us the booking reference?", THURSDAY)).isEmpty();
        assertThat(finder.mayPromise("We'll check this for you. Can you DM us the booking reference?")).isFalse();
        FoundPromise timed = one("I'll look into it and get back to you within 24 hours. Which router model do you have?", THURSDAY);
        assertThat(timed.dueAt()).isEqualTo(THURSDAY.plus(Duration.ofHours(24)));
        assertThat(one("We will reimburse the taxi fare. Please send us the receipt when you can.", THURSDAY).kind()).isEqualTo("refund");
    }

    @Test
    void aPromiseWithoutATimeIsDueSoonInBusinessTime() {
        // Friday 16:00 + 4 business hours = Monday 12:00
        FoundPromise p = one("We'll look into it.", Instant.parse("2026-11-20T16:00:00Z"));
        assertThat(p.dueAt()).isEqualTo(Instant.parse("2026-11-23T12:00:00Z"));
        assertThat(p.when()).isNull();
        FoundPromise asap = one("We'll fix it ASAP!", THURSDAY);
        assertThat(asap.kind()).isEqualTo("fix");
        assertThat(asap.when()).isNull();
        assertThat(asap.dueAt()).isEqualTo(Instant.parse("2026-11-20T10:05:00Z"));
    }

    @Test
    void oneSentenceWithARefundAndAnUpdateGivesTwo() {
        List<FoundPromise> found = find("I'll refund your ticket and send over the confirmation within the hour.", THURSDAY);
        assertThat(found).extracting(FoundPromise::kind).containsExactly("refund", "update");
        assertThat(found).extracting(FoundPromise::dueAt).containsOnly(Instant.parse("2026-11-19T15:05:00Z"));
    }

    @Test
    void eachClauseKeepsItsOwnTime() {
        List<FoundPromise> found = find("We're going to escalate it to our payments team and I'll follow up with you next week.", THURSDAY);
        assertThat(found).extracting(FoundPromise::kind).containsExactly("other", "update");
        assertThat(found.get(0).when()).isNull();
        assertThat(found.get(1).dueAt()).isEqualTo(Instant.parse("2026-11-27T17:00:00Z"));
    }

    @Test
    void sameKindTwiceKeepsTheStatedTime() {
        FoundPromise p = one("We'll look into it. You'll hear from us by Friday.", Instant.parse("2026-11-17T10:00:00Z"));
        assertThat(p.kind()).isEqualTo("update");
        assertThat(p.dueAt()).isEqualTo(Instant.parse("2026-11-20T17:00:00Z"));
        assertThat(p.sentence()).isEqualTo("You'll hear from us by Friday.");
    }

    @Test
    void kindsFollowTheVerbsAndWhatIsSent() {
        assertThat(one("I'll give you a ring tomorrow.", THURSDAY).kind()).isEqualTo("callback");
        assertThat(one("We will reimburse the taxi fare.", THURSDAY).kind()).isEqualTo("refund");
        assertThat(one("Our engineers will patch it tonight.", THURSDAY).kind()).isEqualTo("fix");
        assertThat(one("We'll send a replacement today.", THURSDAY).kind()).isEqualTo("ship");
        assertThat(one("We'll send you the details by email today.", THURSDAY).kind()).isEqualTo("update");
        assertThat(one("I'm going to escalate this to our billing team.", THURSDAY).kind()).isEqualTo("other");
        assertThat(one("We'll send someone to fix the leak tomorrow morning.", THURSDAY).kind()).isEqualTo("fix");
        assertThat(one("You'll receive your new card within 3 working days.", THURSDAY).kind()).isEqualTo("ship");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "within 2 hours              | 2026-11-19T16:05:00Z",
            "within the hour             | 2026-11-19T15:05:00Z",
            "within 24-48 hours          | 2026-11-21T14:05:00Z",
            "in a few hours              | 2026-11-19T18:05:00Z",
            "in 30 minutes               | 2026-11-19T14:35:00Z",
            "in half an hour             | 2026-11-19T14:35:00Z",
            "within 48hrs                | 2026-11-21T14:05:00Z",
            "in an hour or two           | 2026-11-19T16:05:00Z",
            "within 3 days               | 2026-11-23T00:00:00Z",
            "within 2 business days      | 2026-11-23T17:00:00Z",
            "in 3-5 working days         | 2026-11-26T17:00:00Z",
            "in a couple of business days| 2026-11-23T17:00:00Z",
            "today                       | 2026-11-19T17:00:00Z",
            "by end of day               | 2026-11-19T17:00:00Z",
            "by EOD                      | 2026-11-19T17:00:00Z",
            "this afternoon              | 2026-11-19T17:00:00Z",
            "tonight                     | 2026-11-20T00:00:00Z",
            "tomorrow                    | 2026-11-20T17:00:00Z",
            "tomorrow morning            | 2026-11-20T12:00:00Z",
            "by end of day tomorrow      | 2026-11-20T17:00:00Z",
            "by 10am tomorrow            | 2026-11-20T10:00:00Z",
            "by Monday                   | 2026-11-23T17:00:00Z",
            "on Friday at 10am           | 2026-11-20T10:00:00Z",
            "by Thursday                 | 2026-11-19T17:00:00Z",
            "next Friday                 | 2026-11-27T17:00:00Z",
            "by Saturday                 | 2026-11-22T00:00:00Z",
            "this week                   | 2026-11-20T17:00:00Z",
            "next week                   | 2026-11-27T17:00:00Z",
            "early next week             | 2026-11-24T17:00:00Z",
            "by Nov 30                   | 2026-11-30T17:00:00Z",
            "by 30 November              | 2026-11-30T17:00:00Z",
            "by the 3rd                  | 2026-12-03T17:00:00Z",
            "by 5pm                      | 2026-11-19T17:00:00Z",
            "by 2pm                      | 2026-11-20T14:00:00Z",
            "by midday tomorrow          | 2026-11-20T12:00:00Z",
    })
    void timePhrases(String phrase, String due) {
        FoundPromise p = one("We'll update you " + phrase.trim() + ".", THURSDAY);
        assertThat(p.dueAt()).isEqualTo(Instant.parse(due.trim()));
        assertThat(p.when()).isNotNull();
    }

    @Test
    void endOfDayAfterClosingIsMidnight() {
        FoundPromise p = one("I'll get back to you today.", Instant.parse("2026-11-19T19:30:00Z"));
        assertThat(p.dueAt()).isEqualTo(Instant.parse("2026-11-20T00:00:00Z"));
    }

    @Test
    void holidaysAreSkippedAndDatesReadInTheTeamsZone() {
        BusinessCalendar berlin = BusinessCalendar.parse("Europe/Berlin", "mon-fri 09:00-17:00", "2026-12-24,2026-12-25");
        Instant wednesday = Instant.parse("2026-12-23T10:00:00Z");
        FoundPromise p = finder.find("Your refund will be processed within 2 business days.", wednesday, berlin, SOON).get(0);
        // Thu 24 and Fri 25 are holidays, then the weekend: Mon 28, Tue 29 -> Tuesday 17:00 in Berlin
        assertThat(p.dueAt()).isEqualTo(Instant.parse("2026-12-29T16:00:00Z"));
        FoundPromise call = finder.find("We'll call you tomorrow.", wednesday, berlin, SOON).get(0);
        // tomorrow is a holiday: the end of that day, midnight in Berlin
        assertThat(call.dueAt()).isEqualTo(Instant.parse("2026-12-24T23:00:00Z"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Unfortunately we can't promise anything at this stage.",
            "I'm sorry, but I won't be able to issue a refund for this order.",
            "We cannot guarantee it will arrive by Friday.",
            "We will not be refunding orders placed during the sale.",
            "I've refunded the shipping cost, it should already show.",
            "We sent the replacement yesterday via DHL.",
            "I have escalated this to our engineering team.",
            "Will you send us a photo of the damaged item?",
            "Shall I call you tomorrow?",
            "Please DM us your order number.",
            "Could you send us your order number? Thanks!",
            "If you DM us your account email, we can take a look.",
            "If you send us the receipt, we'll reimburse you within 5 days.",
            "Please DM us your order number and we'll sort it out ASAP.",
            "Can you DM us your account's email address? We'll take a look.",
            "You mentioned you'll send the receipts later, no rush!",
            "The chatbot told you \"we will call you back within the hour\". I'm sorry.",
            "You said you will be away until Monday.",
            "You'll need to update the app first.",
            "We will never share your personal data.",
            "Our team will be happy to help with any other questions!",
            "Have a great day! 😊",
            "We're currently investigating reports of login issues.",
            "Refunds usually take 5-7 business days to appear.",
            "Hopefully it'll be sorted soon!",
    })
    void notPromises(String text) {
        assertThat(find(text, THURSDAY)).as(text).isEmpty();
    }

    @Test
    void aRefusalThenAPromiseKeepsThePromise() {
        FoundPromise p = one("We can't refund the ticket, but we will send you a voucher by email today.", THURSDAY);
        assertThat(p.kind()).isEqualTo("refund");
        assertThat(p.dueAt()).isEqualTo(Instant.parse("2026-11-19T17:00:00Z"));
    }

    @Test
    void pastWorkThenAPromiseKeepsThePromise() {
        FoundPromise p = one("I've escalated this to our billing team and they will be in touch within 48 hours.", THURSDAY);
        assertThat(p.kind()).isEqualTo("update");
        assertThat(p.dueAt()).isEqualTo(Instant.parse("2026-11-21T14:05:00Z"));
    }

    @Test
    void anEmojiBeforeACapitalEndsASentence() {
        assertThat(EnglishText.sentences("So sorry about the ads 😕 We'll look into it right away!\nThanks, Jo"))
                .containsExactly("So sorry about the ads 😕", "We'll look into it right away!", "Thanks, Jo");
        assertThat(EnglishText.sentences("Dear Ms. Okafor, we'll refund you. Best, Lukas"))
                .containsExactly("Dear Ms. Okafor, we'll refund you.", "Best, Lukas");
    }

    @Test
    void emptyTextHasNoPromises() {
        assertThat(find("", THURSDAY)).isEmpty();
        assertThat(find(null, THURSDAY)).isEmpty();
    }
}
