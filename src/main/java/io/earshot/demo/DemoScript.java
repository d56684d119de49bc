package io.earshot.demo;

import io.earshot.ingest.IncomingMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes the demo's customer messages: complaints, questions, requests, praise and outage reports about a
 * fictional mobile operator, from customers with a realistic spread of reach, across channels, with
 * follow-ups in the same thread. Deterministic for a seed.
 */
final class DemoScript {

    private static final String[] PLANS = {"Flex 20", "Unlimited Plus", "Family 4", "Travel Pass", "Basic 5"};
    private static final String[] CITIES = {"Leeds", "Bristol", "Manchester", "Glasgow", "Cardiff", "Norwich"};
    private static final String[] FIRST = {"Maya", "Tom", "Priya", "Jonas", "Aisha", "Liam", "Sofia", "Kwame", "Elena",
            "Noah", "Chloe", "Ravi", "Hannah", "Mateo", "Zoe", "Oliver", "Fatima", "Lucas", "Grace", "Omar"};
    private static final String[] LAST = {"Reid", "Patel", "Okafor", "Berg", "Nowak", "Silva", "Khan", "Murphy", "Rossi",
            "Dubois", "Evans", "Tanaka"};

    private static final String[] COMPLAINTS = {
        "@LumenCare charged twice for my %plan% plan this month. Second time this year. Not happy.",
        "Three weeks waiting for the refund you promised. Nobody answers my emails. @LumenCare",
        "Your app logs me out every single time I open it. Worst update ever @LumenCare",
        "I was promised a call back \"within 24 hours\" last Monday. Still nothing. @LumenCare",
        "@LumenCare why did my bill go up by £12 without any notice?? I want an explanation",
        "Ordered a new SIM 10 days ago, still hasn't arrived. Tracking says nothing. Really disappointed",
        "Been on hold for 55 minutes. This is ridiculous @LumenCare",
        "The engineer never showed up today. I took a day off work for this."};
    private static final String[] QUESTIONS = {
        "@LumenCare how do I move my %plan% plan to my new phone?",
        "Does the %plan% plan include roaming in Spain? Going next week",
        "Hi, what's the PUK code process if my SIM is locked?",
        "Can I add a second line to my account online or do I need to call?",
        "When does my contract end? Can't find it in the app",
        "Is there wifi calling on the %plan% plan?"};
    private static final String[] REQUESTS = {
        "Please cancel my %plan% add-on, I no longer need it",
        "Can you send me a copy of my last three invoices please?",
        "I need my number ported to a new SIM, can you help?",
        "Please update my billing address, I've moved to %city%"};
    private static final String[] PRAISE = {
        "Shoutout to the @LumenCare team, sorted my SIM swap in 5 minutes. Brilliant!",
        "Thanks @LumenCare, the refund came through today. Appreciate the quick help",
        "Honestly the best customer service I've had from a phone company. Thank you!",
        "Love the new %plan% plan, great value"};
    private static final String[] OUTAGES = {
        "Is @LumenCare down? No signal in %city% since this morning",
        "No mobile data at all in %city%, anyone else? @LumenCare",
        "@LumenCare outage in %city%?? Can't make calls, my mum is in hospital",
        "Network down again in %city%. Working from home is impossible. @LumenCare",
        "Zero bars in central %city% for 2 hours now. What is going on?"};
    private static final String[] FOLLOW_UPS = {
        "Any update on this?",
        "Still waiting for an answer...",
        "Hello? Is anyone reading these?",
        "Thanks, I've sent you a DM with my account number",
        "That didn't work, same problem"};
    private static final String[] OTHER_LANGUAGES = {
        "@LumenCare me han cobrado dos veces este mes, ¿qué pasa?",
        "Bonjour, mon forfait ne fonctionne plus depuis hier soir, pouvez-vous m'aider ?",
        "Hallo, mein Internet funktioniert seit gestern nicht mehr. Bitte um Hilfe"};

    private final Random random;
    private final List<Person> people = new ArrayList<>();
    private final List<Sent> sent = new ArrayList<>();
    private long sequence;
    private final String prefix;

    /** Someone who writes to us. */
    record Person(String handle, String name, String email, long followers, boolean verified, String channel) {
    }

    private record Sent(Person person, String externalId, String channel) {
    }

    DemoScript(long seed, String prefix) {
        this.random = new Random(seed);
        this.prefix = prefix;
        for (int i = 0; i < 120; i++) {
            String first = FIRST[random.nextInt(FIRST.length)];
            String last = LAST[random.nextInt(LAST.length)];
            String channel = pick(new String[] {"twitter", "twitter", "twitter", "facebook", "instagram", "email", "chat",
                "forum", "review", "reddit", "bluesky"});
            String handle = channel.equals("email") ? (first + "." + last + i + "@example.com").toLowerCase()
                    : (first + last.charAt(0) + (i * 37 % 1000)).toLowerCase();
            long followers = (long) Math.pow(10, 1 + random.nextDouble() * 3.2);
            boolean verified = false;
            if (i % 40 == 7) {
                followers = 150_000 + random.nextInt(250_000);
                verified = true;
                channel = "twitter";
                handle = (first + last.charAt(0) + (i * 37 % 1000)).toLowerCase();
            }
            if (channel.equals("email") || channel.equals("chat")) {
                followers = 0;
                verified = false;
            }
            people.add(new Person(handle, first + " " + last, channel.equals("email") ? handle : null, followers, verified, channel));
        }
    }

    /** One ordinary message at {@code at}: new, or a follow-up in an existing thread. */
    IncomingMessage next(Instant at) {
        if (!sent.isEmpty() && random.nextDouble() < 0.25) {
            Sent earlier = sent.get(sent.size() - 1 - random.nextInt(Math.min(sent.size(), 30)));
            return message(earlier.person(), pick(FOLLOW_UPS), at, earlier.externalId());
        }
        Person p = people.get(random.nextInt(people.size()));
        double r = random.nextDouble();
        String[] pool = r < 0.38 ? COMPLAINTS : r < 0.62 ? QUESTIONS : r < 0.78 ? REQUESTS : r < 0.95 ? PRAISE : OTHER_LANGUAGES;
        return message(p, pick(pool), at, null);
    }

    /** A complaint from each of the few verified, widely followed customers: reach should show in the ranking. */
    List<IncomingMessage> loudVoices(Instant at) {
        List<IncomingMessage> out = new ArrayList<>();
        for (Person p : people) {
            if (p.verified()) {
                out.add(message(p, pick(COMPLAINTS), at, null));
                at = at.plusSeconds(600);
            }
        }
        return out;
    }

    /** A wave of outage reports from one city within a few minutes. */
    List<IncomingMessage> outageWave(Instant start, int size) {
        String city = pick(CITIES);
        List<IncomingMessage> wave = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Person p = people.get(random.nextInt(people.size()));
            Person onTwitter = new Person(p.channel().equals("twitter") ? p.handle() : p.handle().replace("@", "_").replace(".", ""),
                    p.name(), p.email(), p.followers(), p.verified(), "twitter");
            wave.add(message(onTwitter, pick(OUTAGES).replace("%city%", city), start.plusSeconds(i * 9L + random.nextInt(9)), null));
        }
        return wave;
    }

    private IncomingMessage message(Person p, String template, Instant at, String inReplyTo) {
        String text = template.replace("%plan%", pick(PLANS)).replace("%city%", pick(CITIES));
        String externalId = prefix + "-" + (++sequence);
        sent.add(new Sent(p, externalId, p.channel()));
        if (sent.size() > 500) {
            sent.remove(0);
        }
        return new IncomingMessage(p.channel(), externalId, true,
                new IncomingMessage.Author(p.handle(), p.name(), p.email(), p.followers(), p.verified()),
                text, at, inReplyTo, false, null);
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
