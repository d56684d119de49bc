package io.earshot.followup.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an English promise is about: the kinds named by the verbs of a clause ("look into" is an update, "ring"
 * a callback), or, when the clause has no such verb, by its nouns ("your refund will be processed", "you'll
 * receive a tracking link"). Pure.
 */
final class EnglishKinds {

    private record Rule(String kind, Pattern pattern) {
    }

    private static Rule rule(String kind, String regex) {
        return new Rule(kind, Pattern.compile("(?i)\\b(?:" + regex + ")\\b"));
    }

    /** Verbs (and a few fixed phrases) that say what will be done. "send" is read by {@link #sent}. */
    private static final List<Rule> VERBS = List.of(
            rule(FoundPromise.CALLBACK, "call(?:s|ed|ing)? (?:you|u)(?: back)?|call (?:you )?back|call(?:ing)? (?:the|your) \\w+|callback|ring(?:ing)? you|ring (?:you )?back|give you a (?:call|ring|bell)"
                    + "|phone(?:d|s)? you|phone (?:you )?back"),
            rule(FoundPromise.REFUND, "refund\\w*|credit(?:s|ed|ing)?|reimburs\\w*|compensat\\w*|revers(?:e|ed|al)|money back"
                    + "|cover the cost|waiv\\w*|voucher|pay you|payment"),
            rule(FoundPromise.FIX, "fix\\w*|resolv\\w*|(?<!the )repair(?:s|ed|ing)?|patch\\w*|sort(?:ed)?(?: (?:this|it|that|things|everything))? out"
                    + "|sorted|corrected|work on|back (?:on|up|online|in service|to normal)|turned (?:back )?on|working again|up and running|reopen\\w*"
                    + "|reissue\\w*|find an? (?:solution|fix|resolution)|correct (?:this|it|that|them)|reset|unlock\\w*|reactivat\\w*|restor\\w*|take care of|solve"),
            rule(FoundPromise.SHIP, "ship(?:s|ped|ping)?|deliver(?:s|ed|ing)?|redeliver\\w*|dispatch\\w*|replac(?:e|ed|ing)"
                    + "|return (?:it|them|your)|get (?:[\\w-]+ ){0,3}?(?:order|parcel|package|replacement|item|charger|card|one|it|them) out"
                    + "|arriv(?:e|es|ing)|courier (?:it|them)|hook you up"),
            rule(FoundPromise.OTHER, "escalat\\w*|pass(?:ed|es|ing)? (?:[\\w']+ ){0,4}?(?:on|onto|along|to)|relay\\w*|let (?:the|our) (?:[\\w-]+ ){0,3}?know"
                    + "|share (?:this|it|that|the interest|your (?:feedback|comments|concerns|suggestions?|interest|kind words)|your [\\w-]+ (?:with|to))|get (?:this|it|them) reported|forward(?:ed|ing)? (?:this|it|that|your)|collect(?:ed|ing)?|pick(?:ing)? up"
                    + "|cancel\\w*|(?:get in touch|follow(?:ing)? up|speak|talk|be in touch|touch base|reach out) with (?:our|the|that|this|your) (?:[\\w-]+ ){0,2}?(?:team|store|department|manager|crew|staff|restaurant|location|partners?|colleagues)"
                    + "|make sure (?:the|our) (?:[\\w-]+ )?(?:crew|team|staff)|add (?:this|these|that|it|your)\\b[\\w ]{0,30}?\\b(?:feedback|comments|notes|record)"
                    + "|(?:log|note|record) (?:this|that|it|your (?:feedback|comments|suggestion))|arrang\\w*|organi[sz]\\w*"),
            rule(FoundPromise.UPDATE, "look(?:ed|ing)? (?:into|at)|(?:take|have|give it) an? (?:closer |deeper |quick |proper )?look|investigat\\w*|check(?:s|ed|ing)?(?: in| on| with| into| back)?|get(?:ting)? back"
                    + "|come back to|follow(?:ing)? up|update (?:you|u)|keep you (?:posted|updated|informed|in the loop)|let you know"
                    + "|be in touch|get in touch|meet you (?:there|back there|in (?:the )?dms?)|(?:be|keep [\\w ]{1,20}?) updated|provide (?:you )?(?:with )?(?:an? |any |further |more )?(?:updates?|info|information|details|it)"
                    + "|reach(?:ing)? out|contact(?:ing)?|hear (?:back|from)|(?:e-?mail|dm|message|text|ping) you"
                    + "|repl(?:y|ies)|respond\\w*|report back|chas(?:e|ing)|circle back|touch base|revert|post an update|confirm\\w*"));

    private static final Pattern SEND = Pattern.compile("(?i)\\b(?:send|sent|resend|resent|re-send)(?:ing)?\\b(?:\\s+(?:out|over|back))?");
    private static final Pattern OBJECT_END = Pattern.compile("(?i)\\s(?:and|but|then)\\s|[,;:]");
    private static final Pattern PERSON = Pattern.compile("(?i)^\\s*(?:someone|somebody|an? (?:engineer|technician|plumber|electrician|specialist)|a member)\\b");
    /** A time clause ("as soon as the outage is resolved"): its verbs say when, not what. */
    private static final Pattern TIME_CLAUSE = Pattern.compile("(?i)\\b(?:as soon as|once|when|whenever|after|until)\\b[^,;]*");
    /** Just before a purpose infinitive: "call you back to confirm the slot", "I need to check". */
    private static final Pattern TO_BEFORE = Pattern.compile("(?i)\\bto\\s+$");
    /** Before a "sent" that is past or the customer's own: "the number you previously sent". */
    private static final Pattern ALREADY = Pattern.compile("(?i)\\b(?:you|have|has|had|was|were|previously|already|just)\\s+$");
    private static final Pattern BY_PHONE = Pattern.compile("(?i)\\bby (?:tele)?phone\\b");

    /** Nouns that name what is promised, most telling first: money, a call, news, goods. */
    private static final List<Rule> NOUNS = List.of(
            rule(FoundPromise.REFUND, "refund\\w*|credit|reimbursement|cash ?back|compensation|money|payment|payout|voucher|deposit|the difference"
                    + "|(?:[£$€]\\s?\\d[\\d.,]*)"),
            rule(FoundPromise.CALLBACK, "call|callback|call back"),
            rule(FoundPromise.UPDATE, "updates?|e-?mail|confirmation|tracking|details|link|answer|response|reply|news|invoice|receipt"
                    + "|message|copy|instructions|information|info|code"),
            rule(FoundPromise.SHIP, "replacement|parcel|package|order|item|card|sim|device|new one|delivery|bike|part|headset|charger"
                    + "|goods|unit|product"));

    private static final Pattern HELPER = Pattern.compile("(?i)\\b(?:agents?|advis[eo]rs?|representatives?|reps?|specialists?)\\b");
    private static final Pattern FIXER = Pattern.compile("(?i)\\b(?:engineers?|technicians?|developers?|devs|plumber|electrician)\\b");
    private static final Pattern CARRIER = Pattern.compile("(?i)\\b(?:couriers?|drivers?|carrier|warehouse)\\b");

    private EnglishKinds() {
    }

    /** The kinds the verbs of {@code clause} name, in order of appearance, each once. */
    static List<String> byVerbs(String text) {
        String clause = withoutTimeClauses(text);
        Map<Integer, String> at = new TreeMap<>();
        for (Rule r : VERBS) {
            Matcher m = r.pattern().matcher(clause);
            while (m.find()) {
                at.putIfAbsent(m.start(), r.kind());
            }
        }
        Matcher m = SEND.matcher(clause);
        while (m.find()) {
            if (ALREADY.matcher(clause.substring(0, m.start())).find()) {
                continue;
            }
            String kind = sent(clause.substring(m.end()));
            if (kind != null) {
                at.putIfAbsent(m.start(), kind);
            }
        }
        List<String> kinds = new ArrayList<>();
        for (Map.Entry<Integer, String> e : at.entrySet()) {
            boolean purpose = TO_BEFORE.matcher(clause.substring(0, e.getKey())).find();
            if (!kinds.contains(e.getValue()) && !(purpose && !kinds.isEmpty())) {
                kinds.add(e.getValue());
            }
        }
        if (BY_PHONE.matcher(clause).find() && kinds.remove(FoundPromise.UPDATE) && !kinds.contains(FoundPromise.CALLBACK)) {
            kinds.add(0, FoundPromise.CALLBACK);
        }
        return kinds;
    }

    private static String withoutTimeClauses(String clause) {
        Matcher m = TIME_CLAUSE.matcher(clause);
        StringBuilder b = new StringBuilder(clause);
        while (m.find()) {
            for (int i = m.start(); i < m.end(); i++) {
                b.setCharAt(i, ' ');
            }
        }
        return b.toString();
    }

    /**
     * What sending means, by what is sent: money is a refund, news (an email, a link, details) an update, a person
     * sent to do something is read by that something (no kind here), anything else is goods.
     */
    private static String sent(String rest) {
        Matcher end = OBJECT_END.matcher(rest);
        String object = end.find() ? rest.substring(0, end.start()) : rest;
        if (PERSON.matcher(object).find()) {
            return null;
        }
        String byNoun = byNouns(object);
        return byNoun == null || byNoun.equals(FoundPromise.CALLBACK) ? FoundPromise.SHIP : byNoun;
    }

    /** The one kind the nouns of {@code text} name, the most telling first; null when none. */
    static String byNouns(String text) {
        for (Rule r : NOUNS) {
            if (r.pattern().matcher(text).find()) {
                return r.kind();
            }
        }
        return null;
    }

    /** The kind a third party's job implies when its clause names none: engineers fix, couriers ship. */
    static String byWho(String subject) {
        if (FIXER.matcher(subject).find()) {
            return FoundPromise.FIX;
        }
        if (CARRIER.matcher(subject).find()) {
            return FoundPromise.SHIP;
        }
        return HELPER.matcher(subject).find() ? FoundPromise.UPDATE : null;
    }
}
