package io.earshot.followup;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text handling for the English promise finder: sentence splitting, quoted text, contractions. Pure. */
final class EnglishText {

    /** Where a sentence ends: after . ! ? (with space), after an emoji before a capital, or at a line break. */
    private static final Pattern BOUNDARY = Pattern.compile("(?<=[.!?])\\s+|(?<=\\p{So})\\s+(?=[A-Z])|\\s*\\n\\s*");
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
            + "(?:dm|send|share|let us know|tell us|confirm|provide|give us|fire over|shoot us|reach out|contact us|email us|reply with|attach|fill)\\b");

    private static final String[][] CONTRACTIONS = {
            {"(?i)\\bwon't\\b", "will not"},
            {"(?i)\\bcan't\\b", "cannot"},
            {"(?i)\\bshan't\\b", "shall not"},
            {"(?i)n't\\b", " not"},
            {"(?i)\\b(\\w+)'ll\\b", "$1 will"},
            {"(?i)\\bi'm\\b", "I am"},
            {"(?i)\\b(we|you|they)'re\\b", "$1 are"},
            {"(?i)\\b(i|we|you|they)'ve\\b", "$1 have"},
            {"(?i)\\b(i|we|you|they|he|she|it)'d\\b", "$1 would"},
            {"(?i)\\b(?:tmrw|tmr|tmrow|2moro|2morrow)\\b", "tomorrow"},
            {"(?i)\\bgonna\\b", "going to"},
    };
    private static final Pattern[] CONTRACTION_PATTERNS = new Pattern[CONTRACTIONS.length];

    static {
        for (int i = 0; i < CONTRACTIONS.length; i++) {
            CONTRACTION_PATTERNS[i] = Pattern.compile(CONTRACTIONS[i][0]);
        }
    }

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
            if (!m.group().contains("\n") && ABBREVIATION.matcher(candidate).find()) {
                continue;
            }
            add(out, candidate);
            start = m.end();
        }
        add(out, text.substring(start));
        return out;
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
        return isQuestion(sentence) && ASKS_FOR.matcher(sentence).find() || POLITE_START.matcher(sentence).find();
    }

    /**
     * The sentence made easy to match: quoted text blanked, curly apostrophes straightened, contractions spelled
     * out ("we'll" is "we will", "won't" is "will not"), spaces collapsed.
     */
    static String normalise(String sentence) {
        String s = sentence.replace('’', '\'').replace('‘', '\'');
        s = QUOTED.matcher(s).replaceAll("\"…\"");
        for (int i = 0; i < CONTRACTION_PATTERNS.length; i++) {
            s = CONTRACTION_PATTERNS[i].matcher(s).replaceAll(CONTRACTIONS[i][1]);
        }
        return s.replaceAll("\\s+", " ").trim();
    }
}
