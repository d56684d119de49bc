package io.earshot.classify.internal;

import io.earshot.classify.Intent;
import io.earshot.classify.Sentiment;
import java.util.Set;

/**
 * Decides the intent of a message from its tokens, its sentiment and the complaint model's probability.
 * The first rule that holds wins, in this fixed order:
 * <ol>
 *   <li><b>outage</b>: an outage phrase ("is down", "outage", "not working", "cant log in", "error",
 *       "crashing", "wont load", ...) that is not inside a negation scope, and the message is not clearly
 *       positive (sentiment score below {@value #OUTAGE_MAX_SCORE});</li>
 *   <li><b>complaint</b>: the complaint model's probability reaches the threshold, or the message is negative
 *       with sentiment score at most {@value #STRONG_NEGATIVE} and the complaint model gives at least
 *       {@value #NEGATIVE_COMPLAINT_FLOOR};</li>
 *   <li><b>request</b>: a request phrase ("please", "can you", "could you", "i need", "i want", "dm me",
 *       "refund", ...);</li>
 *   <li><b>question</b>: a question mark, or the first word (after leading mentions) is an interrogative
 *       ("how", "what", "why", "is", "does", ...);</li>
 *   <li><b>praise</b>: positive sentiment and a praise word ("love", "great", "awesome", "delicious", ...), or
 *       thanks together with help that worked ("sorted, thanks"); thanks alone is a courtesy, so {@code other};</li>
 *   <li><b>other</b>.</li>
 * </ol>
 * Phrases are written in the tokeniser's normal form (lower case, apostrophes removed). Thread-safe.
 */
public final class IntentRules {
    static final double OUTAGE_MAX_SCORE = 0.5;
    static final double STRONG_NEGATIVE = -0.6;
    static final double NEGATIVE_COMPLAINT_FLOOR = 0.3;

    private static final PhraseSet OUTAGE = PhraseSet.union(new String[] {
            "outage", "outages", "is down", "are down", "was down", "be down", "been down", "down again",
            "still down", "went down", "goes down", "down for", "down ?", "down ??", "down !", "down .",
            "server down", "servers down", "site down", "app down", "system down", "service down", "network down",
            "website down", "down right now", "down rn", "down atm",
            "not working", "isnt working", "arent working", "stopped working", "doesnt work", "dont work",
            "wont work", "didnt work", "not loading", "wont load", "doesnt load", "cant load", "not load",
            "cant log", "cant login", "cant sign", "cant connect", "cant access", "cant get in",
            "cannot log", "cannot login", "cannot sign", "cannot connect", "cannot access",
            "unable to log", "unable to login", "unable to sign", "unable to connect", "unable to access",
            "couldnt log", "couldnt connect", "not able to log", "not able to login", "not able to connect",
            "error", "errors", "crash", "crashes", "crashed", "crashing", "keeps crashing",
            "no service", "no signal", "no internet", "no connection", "no network", "no wifi",
            "offline", "not responding", "unresponsive", "service interruption", "disruption", "disrupted",
            "<num> error", "internal server error", "bad gateway", "timed out", "timeout", "connection lost",
            // a malfunction of one customer's product or account is an outage for them (measured on blind labels, dev half)
            "freezing", "freezes", "frozen", "froze", "keeps freezing", "keeps dropping", "dropping calls", "dropped calls",
            "disconnecting", "keeps disconnecting", "buffering", "lagging", "laggy", "stuttering", "stutters", "glitch",
            "glitches", "glitching", "glitchy", "bug", "bugs", "buggy", "bricked", "black screen", "blank screen",
            "blank pic", "no sound", "no audio", "no picture", "out of sync", "not syncing", "failed", "keeps failing",
            "declined", "getting declined", "keeps going down", "going down", "keeps dying", "dies", "died on me",
            "battery drain", "battery life", "draining", "disappeared", "vanished", "logged out", "kicked out",
            "technical issue", "technical issues", "technical problem", "still happening", "keeps happening", "no luck",
            "same problem", "same issue", "slow internet", "internet is slow", "intermittent", "reset link",
            "not charging", "not showing", "not updating", "not playing", "not sending", "not receiving", "not connecting",
            "not loading", "not responding", "does not work", "do not work", "did not work", "is not working", "power is out",
            "power out", "no power", "errored", "defect", "distorted", "fix this issue", "fix this bug", "fix the bug",
            "fix this problem", "the issues", "getting reverted", "outgoing calls", "incoming calls", "breaking my", "broke my",
            "lost all my", "wiped"}, PhraseSet.combinations(
            new String[] {"cant", "cannot", "unable to", "not able to", "couldnt", "wont", "doesnt", "isnt", "wouldnt",
                "havent been able to", "cant even", "no longer"},
            new String[] {"play", "open", "load", "download", "update", "upgrade", "stream", "watch", "see", "view", "hear",
                "use", "send", "receive", "make calls", "call", "tune", "charge", "turn on", "boot", "install", "sync",
                "verify", "reset", "re-invite", "reinvite", "withdraw", "get money", "top up", "pay", "activate", "register",
                "save", "upload", "print", "scan", "find my", "access my", "get into", "sign into", "log into", "work",
                "get my", "search", "browse", "redeem", "check in"}));

    private static final PhraseSet REQUEST = new PhraseSet(
            "please", "pls", "plz", "plse", "can you", "could you", "would you", "can u", "could u", "will you",
            "can someone", "can somebody", "can anyone", "i want", "i wanna", "i would like", "id like",
            "i need", "we need", "need help", "help me", "help us", "dm me", "message me", "send me",
            "get back to me", "let me know", "call me", "contact me", "email me", "refund", "cancel my",
            "fix this", "fix it", "sort it", "sort this", "look into", "i request", "kindly");

    private static final Set<String> INTERROGATIVES = Set.of(
            "how", "what", "why", "when", "where", "who", "whom", "whose", "which", "whats", "hows", "wheres",
            "whos", "whys", "whens", "is", "are", "am", "do", "does", "did", "can", "could", "will", "would",
            "should", "has", "have", "was", "were", "any", "anyone", "anybody", "isnt", "arent", "doesnt",
            "dont", "didnt", "cant", "wont", "shall", "may");

    /** Thanks: praise only with something more (a praise word, or help that worked); alone it is a courtesy. */
    private static final PhraseSet THANKS = new PhraseSet("thank", "thanks", "thx", "thanx", "ty", "thankyou", "tysm", "cheers",
            "appreciate", "appreciated", "grateful");
    private static final PhraseSet HELPED = new PhraseSet("sorted", "fixed", "resolved", "works now", "working now", "helped",
            "solved", "came in clutch", "saved", "quick response", "fast response", "so quick", "so fast", "so helpful");
    private static final PhraseSet PRAISE = new PhraseSet(
            "love", "loved", "loving", "great",
            "awesome", "amazing", "excellent", "fantastic", "best", "perfect", "brilliant", "appreciate",
            "kudos", "shoutout", "shout out", "props", "helpful", "wonderful", "impressed", "delicious", "fun",
            "superb", "outstanding", "well done", "good job", "great job", "nice job", "keep it up", "legend",
            "legends", "rock", "rocks", "❤", "♥", "👏", "🙌", "😍", "💯", "spooktacular", "clutch", "favourite",
            "favorite", "the best", "any day");

    private final double complaintThreshold;

    public IntentRules(double complaintThreshold) {
        this.complaintThreshold = complaintThreshold;
    }

    public Intent decide(Tokens t, Sentiment sentiment, double complaintProbability) {
        if (t.size == 0) {
            return Intent.OTHER;
        }
        double score = sentiment.score();
        if (score < OUTAGE_MAX_SCORE && OUTAGE.matches(t)) {
            return Intent.OUTAGE;
        }
        if (complaintProbability >= complaintThreshold
                || (score <= STRONG_NEGATIVE && complaintProbability >= NEGATIVE_COMPLAINT_FLOOR)) {
            return Intent.COMPLAINT;
        }
        if (REQUEST.matches(t)) {
            return Intent.REQUEST;
        }
        if (t.questions > 0 || startsWithInterrogative(t)) {
            return Intent.QUESTION;
        }
        if ("positive".equals(sentiment.label()) && (PRAISE.matches(t) || THANKS.matches(t) && HELPED.matches(t))) {
            return Intent.PRAISE;
        }
        return Intent.OTHER;
    }

    private static boolean startsWithInterrogative(Tokens t) {
        for (int i = 0; i < t.size; i++) {
            if (t.kinds[i] == Tokens.PLACEHOLDER && t.tokens[i] == Tokens.USER) {
                continue;
            }
            return t.kinds[i] == Tokens.WORD && INTERROGATIVES.contains(t.tokens[i]);
        }
        return false;
    }
}
