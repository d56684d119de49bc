package io.earshot.followup.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Text handling for the Spanish promise finder: folding, questions and requests to the customer. Pure. */
final class SpanishText {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern QUOTED = Pattern.compile("\"[^\"\\n]{1,300}\"|“[^”\\n]{1,300}”|«[^»\\n]{1,300}»");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern QUESTION = Pattern.compile("^\\W*(?:@\\w+\\s+)*¿|\\?[\\s\\p{So}\\p{Sk}\\p{Cf}]*$");

    /** An imperative or question asking the customer to send or tell us something. */
    private static final Pattern ASKS = Pattern.compile("\\b(?:envianos|enviame|mandanos|mandame|escribenos|escribeme|danos|dame|indicanos"
            + "|indicame|compartenos|compartenos|facilitanos|facilitame|confirmanos|confirmame|dinos|dime|cuentanos|cuentame|llamanos"
            + "|contactanos|envienos|escribanos|indiquenos|facilitenos|confirmenos|comuniquese|contacta|contacte|rellena|completa"
            + "|(?:nos|me) (?:puedes|podrias|puede|podria) (?:enviar|mandar|indicar|confirmar|facilitar|compartir|dar|decir|escribir)"
            + "|(?:puedes|podrias|puede|podria) (?:enviarnos|mandarnos|indicarnos|confirmarnos|facilitarnos|compartirnos|darnos|decirnos"
            + "|escribirnos)|(?:es necesario|necesitamos|te pedimos|le pedimos|le rogamos|te rogamos) que (?:nos|me)? ?\\p{L}+|nos remita|remitanos"
            + "|(?:puedes|puede|podes|podras|podra) (?:\\p{L}+ )?\\p{L}+(?:ar|er|ir)(?:nos|me|lo|la)?)\\b");

    private SpanishText() {
    }

    /** Lower case, accents and tildes removed ("mañana" is "manana"), quoted words blanked, spaces collapsed. */
    static String fold(String sentence) {
        String s = QUOTED.matcher(sentence).replaceAll("\"…\"");
        s = Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        s = MARKS.matcher(s).replaceAll("");
        return SPACES.matcher(s).replaceAll(" ").trim();
    }

    /**
     * The words of {@code sentence} that {@code folded} (a phrase of its folded form) came from, as the agent wrote
     * them ("en un par de días hábiles" for "en un par de dias habiles"); the folded phrase when they cannot be found.
     */
    static String asWritten(String sentence, String folded) {
        if (folded == null) {
            return null;
        }
        StringBuilder each = new StringBuilder(sentence.length());
        for (int i = 0; i < sentence.length(); i++) {
            String f = MARKS.matcher(Normalizer.normalize(String.valueOf(sentence.charAt(i)).toLowerCase(Locale.ROOT), Normalizer.Form.NFD))
                    .replaceAll("");
            if (f.length() != 1) {
                return folded;
            }
            each.append(Character.isWhitespace(f.charAt(0)) ? ' ' : f.charAt(0));
        }
        int at = each.indexOf(folded);
        return at < 0 ? folded : sentence.substring(at, at + folded.length());
    }

    /** True when the sentence asks rather than states ("¿Quieres que te llamemos?"). */
    static boolean isQuestion(String sentence) {
        return QUESTION.matcher(sentence).find();
    }

    /** True when the (folded) sentence asks the customer to send or tell us something. */
    static boolean asksCustomer(String folded) {
        return ASKS.matcher(folded).find();
    }
}
