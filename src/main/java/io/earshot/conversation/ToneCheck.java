package io.earshot.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a reply before it goes and says what may make it sound cold: no apology or acknowledgement in an answer
 * to a complaint, a canned text sent unchanged, the customer's name missing, too long for the channel. Pure; the
 * agent may send anyway.
 */
public final class ToneCheck {

    /** One warning: a code and the reason shown to the agent. */
    public record Warning(String code, String message) {
    }

    /** What the check reads besides the reply. */
    public record Context(String channel, String intent, String sentimentLabel, String customerName, String customerHandle,
                          boolean privateMessage, String cannedText, int replyLimit) {
    }

    private static final Pattern ACKNOWLEDGES = Pattern.compile("(?i)\\b(sorry|apolog\\w*|regret|understand(able)?|frustrat\\w*|"
            + "annoy\\w*|disappoint\\w*|inconvenien\\w*|hear that|not (ok|okay|good enough|acceptable|what you expect\\w*)|"
            + "thanks? (you )?for (letting|flagging|raising|reporting|bearing|your patience|being patient|telling)|"
            + "we hear you|i see why|must (be|have been)|my bad|our bad|our fault|on us|"
            // Spanish: "lo siento", "disculpa las molestias", "lamentamos", "entendemos tu frustración"
            + "lo sient[oe]|lo sentimos|sentimos (mucho|las molestias)|disculp\\w*|perd[oó]n\\w*|lament\\w*|entiendo|entendemos|comprendo|"
            + "comprendemos|molestias|inconvenientes|gracias por (avisar\\w*|informar\\w*|reportar\\w*|tu paciencia|su paciencia|escribir\\w*))\\b");

    private ToneCheck() {
    }

    public static List<Warning> check(String text, Context c) {
        List<Warning> out = new ArrayList<>();
        String reply = text == null ? "" : text.strip();
        boolean complaint = "complaint".equals(c.intent()) || "outage".equals(c.intent()) || "negative".equals(c.sentimentLabel());
        if (complaint && !ACKNOWLEDGES.matcher(reply).find()) {
            out.add(new Warning("no_acknowledgement", "The customer is unhappy and this reply has no apology or acknowledgement "
                    + "(\"sorry\", \"I understand\", \"thanks for flagging\")."));
        }
        if (c.cannedText() != null && !c.cannedText().isBlank() && normalise(reply).equals(normalise(c.cannedText()))) {
            out.add(new Warning("canned_unchanged", "This is a canned response sent unchanged: add a line about this customer's case."));
        }
        String name = c.customerName() == null ? "" : c.customerName().strip();
        String first = name.isEmpty() ? "" : name.split("\\s+")[0].toLowerCase(Locale.ROOT);
        String lower = reply.toLowerCase(Locale.ROOT);
        boolean named = (!first.isEmpty() && first.length() > 1 && lower.contains(first))
                || (c.customerHandle() != null && lower.contains(c.customerHandle().toLowerCase(Locale.ROOT)));
        if (!named) {
            out.add(new Warning("no_name", "The reply does not use the customer's name"
                    + (name.isEmpty() ? "" : " (" + name.split("\\s+")[0] + ")") + "."));
        }
        int length = reply.codePointCount(0, reply.length());
        if (!c.privateMessage() && c.replyLimit() > 0 && length > c.replyLimit()) {
            out.add(new Warning("too_long", "A public reply on " + c.channel() + " takes at most " + c.replyLimit()
                    + " characters; this one has " + length + ". Shorten it or send it privately."));
        }
        return out;
    }

    private static String normalise(String s) {
        return s.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }
}
