package io.earshot.followup.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text handling for the English promise finder: sentence splitting, quoted text, contractions. Pure. */
final class EnglishText {

    /** Spaces that may end a sentence; {@link #ends} decides. */
    private static final Pattern BOUNDARY = Pattern.compile("\\s+");
    /** Words ending in a dot that do not end a sentence. */
    private static final Pattern ABBREVIATION = Pattern.compile(
            "(?i)(?:^|\\s)(?:mr|mrs|ms|dr|st|no|approx|e\\.g|i\\.e|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)\\.$");
    /** Text in double quotes, or in single quotes that are not apostrophes: somebody else's words. */
    private static final Pattern QUOTED = Pattern.compile("\"[^\"\\n]{1,300}\"|“[^”\\n]{1,300}”|(?<!\\w)'[^'\\n]{1,120}'(?!\\w)");
    private static final Pattern QUESTION_END = Pattern.compile("\\?[\\s\\p{So}\\p{Sk}\\p{Cf}]*$");
    private static final Pattern QUESTION_START = Pattern.compile(
            "(?i)^\\W*(?:@\\w+\\s+)*(?:will|shall|would|could|can|should|do|does|did|is|are|may|when will)\\s+(?:you|we|i|it|there|this)\\b");

    /** A sentence asking the customer to send or tell us something ("Can you DM us your email?", "Please DM us"). */
    private static final Pattern ASKS_FOR = Pattern.compile("(?i)\\b(?:dm|send|share|let us know|tell us|tell me|confirm|provide|give us"
            + "|clarify|fire over|shoot us|reach out|contact us|email us|reply with|attach|fill|report|get it reported)\\b"
            + "|\\b(?:what|which|where|when|how)\\b(?![^?]*\\belse\\b)[^?]*\\byour?\\b");
    private static final Pattern POLITE_START = Pattern.compile("(?i)^\\W*(?:@\\w+\\s+)*(?:\\d+[:/]\\s*)?(?:please|pls|kindly|just)?\\s*"
            + "(?:dm|send|share|let us know|tell us|confirm|provide|give us|fire over|shoot us|reach out|contact us|email us|reply with|attach|fill|meet|click|head|visit)"
            + "\\s+(?:us|me|your|the|a|an|over|with|to|via|this|it|them|in|here|on)\\b");

    /**
     * The second part of a request split over two tweets: it starts in lower case and lists what the customer is to
     * send ("email address and contact telephone number. We'll look into your complaint 2/2").
     */
    static final Pattern REQUEST_TAIL = Pattern.compile("^\\W*(?:@\\w+\\s+)*[a-z][^.!?]{0,200}?\\b(?:number|address|e-?mail|date of birth"
            + "|postcode|post code|zip|reference|details|full name|account)\\b");

    /** Contractions spelled out, and a few chat spellings, so that the rules see one form. */
    private static final List<Map.Entry<Pattern, String>> CONTRACTIONS = List.of(
            Map.entry(Pattern.compile("(?i)\\bwon't\\b"), "will not"),
            Map.entry(Pattern.compile("(?i)\\bcan't\\b"), "cannot"),
            Map.entry(Pattern.compile("(?i)\\bshan't\\b"), "shall not"),
            Map.entry(Pattern.compile("(?i)n't\\b"), " not"),
            Map.entry(Pattern.compile("(?i)\\b(\\w+)'ll\\b"), "$1 will"),
            Map.entry(Pattern.compile("(?i)\\bi'm\\b"), "I am"),
            Map.entry(Pattern.compile("(?i)\\b(we|you|they)'re\\b"), "$1 are"),
            Map.entry(Pattern.compile("(?i)\\b(i|we|you|they)'ve\\b"), "$1 have"),
            Map.entry(Pattern.compile("(?i)\\b(i|we|you|they|he|she|it)'d\\b"), "$1 would"),
            Map.entry(Pattern.compile("(?i)\\b(?:tmrw|tmr|tmrow|2moro|2morrow)\\b"), "tomorrow"),
            Map.entry(Pattern.compile("(?i)\\bgonna\\b"), "going to"));
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private EnglishText() {
    }

    /** The sentences of {@code text}, trimmed, without empty ones. */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = BOUNDARY.matcher(text);
        int start = 0;
        while (m.find()) {
            String candidate = text.substring(start, m.start());
            if (!ends(text, m.start(), m.end()) || !m.group().contains("\n") && ABBREVIATION.matcher(candidate).find()) {
                continue;
            }
            add(out, candidate);
            start = m.end();
        }
        add(out, text.substring(start));
        return out;
    }

    /**
     * True when the spaces from {@code from} to {@code to} end a sentence: they hold a line break, follow . ! or ?,
     * or follow an emoji and come before a capital. (Code points, not chars: most emoji lie outside the BMP.)
     */
    private static boolean ends(String text, int from, int to) {
        if (text.substring(from, to).contains("\n")) {
            return true;
        }
        if (from == 0 || to >= text.length()) {
            return false;
        }
        char before = text.charAt(from - 1);
        if (before == '.' || before == '!' || before == '?') {
            return true;
        }
        return Character.getType(text.codePointBefore(from)) == Character.OTHER_SYMBOL && Character.isUpperCase(text.charAt(to));
    }

    private static void add(List<String> out, String sentence) {
        String s = sentence.trim();
        if (!s.isEmpty()) {
            out.add(s);
        }
    }

    /** True when the sentence asks something rather than states it. */
    static boolean isQuestion(String sentence) {
        return QUESTION_END.matcher(sentence).find() || QUESTION_START.matcher(sentence).find();
    }

    /**
     * True when the sentence asks the customer to send or tell us something, as a question ("Could you DM us your
     * order number?") or a request ("Please DM us the tracking number."). A promise right after it is an offer.
     */
    static boolean asksCustomer(String sentence) {
        return isQuestion(sentence) && ASKS_FOR.matcher(sentence).find() || POLITE_START.matcher(sentence).find()
                || REQUEST_TAIL.matcher(sentence).find();
    }

    /**
     * The sentence made easy to match: quoted text blanked, curly apostrophes straightened, contractions spelled
     * out ("we'll" is "we will", "won't" is "will not"), spaces collapsed.
     */
    static String normalise(String sentence) {
        String s = sentence.replace('’', '\'').replace('‘', '\'');
        s = QUOTED.matcher(s).replaceAll("\"…\"");
        for (Map.Entry<Pattern, String> c : CONTRACTIONS) {
            s = c.getKey().matcher(s).replaceAll(c.getValue());
        }
        return SPACES.matcher(s).replaceAll(" ").trim();
    }
}
