package io.earshot.followup.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the committing clauses of one normalised English sentence (see {@link EnglishText#normalise}): a
 * first-person future ("we will", "I am going to"), a named party of ours ("our team will", "someone will"),
 * something of the customer's with a future passive ("your refund will be processed"), "you will receive / hear /
 * get", "expect …", "let me … get back", and "and will …". Each clause runs from its trigger to the next one.
 * Clauses that are negated, generic, hedged, reported, or offered only on a condition the customer must meet are
 * dropped. Pure.
 */
final class EnglishClauses {

    /** One promise: its kind, the clause its time is read from, and the words before it (or null). */
    record Promise(String kind, String clause, String lead) {
    }

    private enum Who { SPEAKER, PARTY, THING, CUSTOMER, EXPECT, LET_ME, AND }

    private record Trigger(Who who, int start, int end) {
    }

    private static final String MODAL = "(?:will|shall|(?:am|is|are)\\s+going\\s+to)";
    private static final String PASSIVE = "(?:refunded|processed|sent|shipped|dispatched|delivered|fixed|resolved|sorted|added|credited"
            + "|unlocked|issued|e-?mailed|reversed|repaired|replaced|returned|posted|applied|paid|transferred|reactivated|restored"
            + "|corrected|cancell?ed|collected|released|arrive|ship|follow|reach you|back in your account|in your account|with you"
            + "|reach your (?:account|bank|card)|show (?:up )?(?:in|on) your|appear (?:in|on) your|land in your|hit your"
            + "|back (?:on|up|online|in service|to normal)|turned (?:back )?on|working again|up and running|picked up|arranged|organi[sz]ed"
            + "|booked|scheduled)";
    private static final String STAFF = "(?:teams?|engineers?|developers?|devs|specialists?|agents?|managers?|supervisors?|technicians?"
            + "|couriers?|department|staff|carrier|colleagues?|drivers?|experts?|partners?|plumber|electrician)";

    private static final Pattern SPEAKER = Pattern.compile("(?i)\\b(?:i|we)\\s+" + MODAL + "\\b"
            + "|\\bwe can (?:certainly |definitely |surely |absolutely )?(?=(?:forward|share|pass)\\b)");
    private static final Pattern PARTY = Pattern.compile("(?i)\\b(?:someone|somebody|one of our [\\w-]+|(?:a )?members? of (?:our|the) [\\w-]+"
            + "|(?:our|the|a|an)(?:\\s+[\\w-]+){0,3}?\\s+" + STAFF + ")(?:\\s+from\\s+(?:our|the|that|this|my)(?:\\s+[\\w-]+){1,3}?)?\\s+"
            + "(?:will|(?:is|are)\\s+going\\s+to)\\b|\\b(?:they|who)\\s+(?:will|are\\s+going\\s+to)\\b");
    private static final Pattern THING = Pattern.compile("(?i)\\b(?:your|the|a|an|this|that|it|my)"
            + "(?:\\s+(?!(?:and|but|or|then|will|should|has|have|is|was|were)\\b)[\\w£$€.'-]+){0,5}?"
            + "\\s+(?:will|should|(?:is|are)\\s+going\\s+to)\\s+(?:now\\s+|then\\s+|also\\s+|soon\\s+)?(?:be\\s+)?" + PASSIVE + "\\b");
    private static final Pattern CUSTOMER = Pattern.compile("(?i)\\byou\\s+(?:will|should|are\\s+going\\s+to)\\s+(?:also\\s+|then\\s+|soon\\s+)?"
            + "(?:receive|get(?!\\s+\\w+ed\\b)|see|hear|be hearing|be receiving|be getting(?!\\s+\\w+ed\\b))\\b|\\byou can expect\\b");
    private static final Pattern HEAR = Pattern.compile("(?i)\\bhear(?:ing)?$");
    private static final Pattern SEE = Pattern.compile("(?i)\\bsee$");
    private static final Pattern EXPECT = Pattern.compile("(?i)^\\W*(?:@\\w+\\s+)*(?:please\\s+)?expect\\b");
    private static final Pattern LET_ME = Pattern.compile("(?i)(?<!please )\\blet (?:me|us)\\b(?!\\s+know)");
    private static final Pattern AND = Pattern.compile("(?i)\\b(?:and|then|but)\\s+(?:will|should)\\b");

    /** After the modal: not a promise ("we will never", "we will be happy to help", "I will be honest"). */
    private static final Pattern NOT_A_PROMISE = Pattern.compile("(?i)^\\s*(?:(?:also|still|then|now|definitely|certainly|personally)\\s+)?"
            + "(?:not|never|always|ever|be (?:happy|glad|delighted|pleased) to (?:help|assist|answer|hear|chat|talk|see|take a look|look|check)"
            + "|be (?:happy|glad|delighted|pleased)(?! to)|be (?:here|available|closed|open|honest)|continue|do (?:our|my) best to make"
            + "|need|have to|require|be needing)\\b");
    /** A condition the customer has to meet first: then it is an offer, not yet a promise. */
    private static final Pattern CUSTOMER_CONDITION = Pattern.compile("(?i)\\b(?:if|once|when|whenever|as soon as|after|unless|until)\\s+(?:you|your)\\b"
            + "|\\bshould (?:you|she|he|they)\\b");
    /** A request to the customer that the promise hangs on: "DM us and we'll sort it", "kindly fill the form, we'll fix it". */
    private static final Pattern REQUEST = Pattern.compile("(?i)(?:^\\W*(?:@\\w+\\s+)*|[,.!:;]\\s*|\\b(?:please|pls|plz|kindly|just|simply|feel free to|go ahead and)\\s+)"
            + "(?:dm|direct message|send|drop|message|email|e-mail|reply|let us know|tell us|get in touch|reach out|reach us|contact us|share|give us|pop|shoot"
            + "|follow|call us|ring us|pm|write|tweet|try|report|fill|use|visit|go to|head to|connect|submit|complete|click|provide|attach"
            + "|be sure to|make sure to|see)\\b|\\byou (?:can|could|may|might|need to|should)\\b"
            + "|\\b(?:shoot|drop|send|give) (?:me|us) an? (?:dm|message|line|note|email|call)\\b|\\b(?:here|via|at|using|through)\\s*:?\\s*https?://"
            + "|(?-i:" + EnglishText.REQUEST_TAIL.pattern() + ")"
            + "|^\\W*(?:@\\w+\\s+)*(?:what|which|where|when|how|can you|could you|would you)\\b");
    /** The words that join an offer's request to its promise: "… and we'll", "… & we'll", "…, we'll". */
    private static final Pattern JOINED = Pattern.compile("(?i)(?:\\band|&|&amp;|,)\\s*$");
    /** A standing statement, not about this case: "we're here 24/7 and will respond". */
    private static final Pattern STANDING = Pattern.compile("(?i)\\b(?:we are here|24/7|always|every time)\\b");
    private static final Pattern HEDGE = Pattern.compile("(?i)\\b(?:cannot|can not|unable to|not able to|not|no)\\s+(?:promise|guarantee|say|confirm|be sure)"
            + "|\\bhopefully\\b|\\blikely\\b|\\bprobably\\b|\\bno guarantee|\\bnot sure\\b|\\b(?:i|we) hope\\b|\\bmight\\b|\\bmaybe\\b|\\bperhaps\\b");
    private static final Pattern REPORTED = Pattern.compile("(?i)\\b(?:said|says|mentioned|wrote|told (?:you|us|me)|tweeted|claimed)\\b");
    private static final Pattern CLAUSE_BREAK = Pattern.compile("(?i)\\s(?:but|however|although)\\s|[;:—–]|\\s-\\s");
    private static final Pattern CONTACT = Pattern.compile("(?i)\\b(?:get back|come back|follow up|update you|let you know|call you|ring you"
            + "|report back|revert|be in touch|get in touch|reply|respond|circle back|look into|investigate|escalate|pass (?:this|it|that|your)"
            + "|forward|request)\\b");
    private static final Pattern STARTS_PASSIVE = Pattern.compile("(?i)^\\s*(?:now\\s+|then\\s+|also\\s+|soon\\s+)?(?:be\\s+)?" + PASSIVE + "\\b");
    /** The modal and what follows it in a passive trigger, leaving its subject ("your refund"). */
    private static final Pattern MODAL_ON = Pattern.compile("(?i)\\s(?:will|should|is|are)\\s.*$");
    private static final Pattern AND_WORD = Pattern.compile("(?i)\\band\\b");

    private EnglishClauses() {
    }

    /**
     * Words of which every trigger needs one, in the raw text before {@link EnglishText#normalise} spells
     * contractions out ("we'll", "won't", "shan't", "gonna"). A text with none of them holds no promise, and the
     * rules' many patterns need not run: most replies say nothing of the future.
     */
    private static final String[] TRIGGER_WORDS = {"will", "shall", "shan", "going", "gonna", "'ll", "\u2019ll", "\u2018ll", "won",
        "should", "expect", "let", "we can"};

    /** False when {@code text} cannot hold a trigger (see {@link #TRIGGER_WORDS}); true means "read it". */
    static boolean mayHaveTrigger(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        for (String w : TRIGGER_WORDS) {
            if (lower.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** The promises of one normalised sentence, in order. */
    static List<Promise> promises(String sentence) {
        List<Trigger> triggers = triggers(sentence);
        List<Promise> out = new ArrayList<>();
        for (int i = 0; i < triggers.size(); i++) {
            Trigger t = triggers.get(i);
            int end = i + 1 < triggers.size() ? triggers.get(i + 1).start() : sentence.length();
            String before = sentence.substring(0, t.start());
            String subject = sentence.substring(t.start(), t.end());
            String predicate = sentence.substring(t.end(), end);
            if (!committing(t, before, predicate)) {
                continue;
            }
            String local = local(before);
            String lead = i == 0 && !AND_WORD.matcher(local).find() ? local : null;
            for (String kind : kinds(t, before, subject, predicate)) {
                out.add(new Promise(kind, subject + predicate, lead));
            }
        }
        return out;
    }

    private static List<Trigger> triggers(String s) {
        List<Trigger> all = new ArrayList<>();
        collect(all, Who.SPEAKER, SPEAKER, s);
        collect(all, Who.PARTY, PARTY, s);
        collect(all, Who.THING, THING, s);
        collect(all, Who.CUSTOMER, CUSTOMER, s);
        collect(all, Who.EXPECT, EXPECT, s);
        collect(all, Who.LET_ME, LET_ME, s);
        collect(all, Who.AND, AND, s);
        all.sort(Comparator.comparingInt(Trigger::start).thenComparing(t -> -t.end()));
        List<Trigger> kept = new ArrayList<>();
        for (Trigger t : all) {
            if (kept.isEmpty() || t.start() >= kept.get(kept.size() - 1).end()) {
                kept.add(t);
            }
        }
        return kept;
    }

    private static void collect(List<Trigger> all, Who who, Pattern p, String s) {
        Matcher m = p.matcher(s);
        while (m.find()) {
            all.add(new Trigger(who, m.start(), m.end()));
        }
    }

    /** The words before a trigger back to the last clause break ("…, but we will"). */
    private static String local(String before) {
        Matcher m = CLAUSE_BREAK.matcher(before);
        int from = 0;
        while (m.find()) {
            from = m.end();
        }
        return before.substring(from);
    }

    private static boolean committing(Trigger t, String before, String predicate) {
        String local = local(before);
        if (NOT_A_PROMISE.matcher(predicate).find()) {
            return false;
        }
        if (CUSTOMER_CONDITION.matcher(local).find() || CUSTOMER_CONDITION.matcher(predicate).find()) {
            return false;
        }
        if (JOINED.matcher(before).find() && REQUEST.matcher(before).find()) {
            return false;
        }
        if (HEDGE.matcher(local).find() || REPORTED.matcher(local).find() || STANDING.matcher(local).find()) {
            return false;
        }
        return t.who() != Who.LET_ME || CONTACT.matcher(predicate).find();
    }

    private static List<String> kinds(Trigger t, String before, String subject, String predicate) {
        switch (t.who()) {
            case THING: {
                String byNoun = EnglishKinds.byNouns(MODAL_ON.matcher(subject).replaceFirst(""));
                if (byNoun != null) {
                    return List.of(byNoun);
                }
                List<String> byVerb = EnglishKinds.byVerbs(subject + predicate);
                String byWho = EnglishKinds.byWho(subject);
                return !byVerb.isEmpty() || byWho == null ? byVerb : List.of(byWho);
            }
            case CUSTOMER: {
                if (HEAR.matcher(subject).find()) {
                    return List.of(FoundPromise.UPDATE);
                }
                String byNoun = EnglishKinds.byNouns(predicate);
                boolean seeing = SEE.matcher(subject).find();
                return byNoun == null || seeing && !byNoun.equals(FoundPromise.REFUND) ? List.of() : List.of(byNoun);
            }
            case EXPECT: {
                List<String> byVerb = EnglishKinds.byVerbs(subject + predicate);
                String byNoun = EnglishKinds.byNouns(predicate);
                return !byVerb.isEmpty() ? byVerb : byNoun == null ? List.of() : List.of(byNoun);
            }
            case PARTY: {
                List<String> byVerb = EnglishKinds.byVerbs(predicate);
                String byWho = EnglishKinds.byWho(subject);
                return !byVerb.isEmpty() ? byVerb : byWho == null ? List.of() : List.of(byWho);
            }
            case AND: {
                List<String> byVerb = EnglishKinds.byVerbs(predicate);
                String byNoun = STARTS_PASSIVE.matcher(predicate).find() ? EnglishKinds.byNouns(before) : null;
                return !byVerb.isEmpty() ? byVerb : byNoun == null ? List.of() : List.of(byNoun);
            }
            default:
                return EnglishKinds.byVerbs(predicate);
        }
    }
}
