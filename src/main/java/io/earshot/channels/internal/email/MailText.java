package io.earshot.channels.internal.email;

import io.earshot.channels.internal.HtmlText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The text of a mail as an agent reads it and the classifier sees it: HTML turned into plain text by
 * {@link HtmlText} (mail's own quoted-history blocks dropped first), and the quoted history and signature trimmed.
 * The original stays viewable, untrimmed.
 */
final class MailText {

    private static final Pattern ON_WROTE = Pattern.compile("(?is)^\\s*(On|Am|Le|El|Il|Op)\\s.{1,300}(wrote|schrieb|a écrit|escribió|ha scritto|schreef)\\s*:\\s*$");
    private static final Pattern ORIGINAL = Pattern.compile("(?i)^\\s*-{2,}\\s*(Original Message|Ursprüngliche Nachricht|Forwarded message)\\s*-{2,}.*$");
    private static final Pattern OUTLOOK_FROM = Pattern.compile("(?i)^\\s*\\*?(From|Von|De)\\s*:\\*?\\s.+$");
    private static final Pattern OUTLOOK_SENT = Pattern.compile("(?i)^\\s*\\*?(Sent|Date|Gesendet|Envoyé)\\s*:\\*?\\s.+$");
    private static final Pattern SIGNATURE = Pattern.compile("^-- ?$");

    private static final String QUOTED = "blockquote[type=cite], div.gmail_quote, div.yahoo_quoted, div#divRplyFwdMsg, div.moz-cite-prefix";

    private MailText() {
    }

    /**
     * The new part of a reply: lines quoted with {@code >} dropped, and everything from the first "On … wrote:",
     * "-----Original Message-----", Outlook "From: … Sent: …" block or "-- " signature line on cut off. When nothing
     * would be left (a mail that is all quote) the text is kept whole.
     */
    static String trimmed(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String two = i + 1 < lines.length ? line + " " + lines[i + 1] : line;
            if (ON_WROTE.matcher(line).matches() || (!line.isBlank() && ON_WROTE.matcher(two).matches()
                    && line.toLowerCase(Locale.ROOT).matches("\\s*(on|am|le|el|il|op)\\s.*"))
                    || ORIGINAL.matcher(line).matches() || SIGNATURE.matcher(line).matches()
                    || (OUTLOOK_FROM.matcher(line).matches() && outlookBlock(lines, i))) {
                break;
            }
            if (!line.stripLeading().startsWith(">")) {
                kept.add(line);
            }
        }
        String result = tidy(String.join("\n", kept));
        return result.isBlank() ? tidy(text) : result;
    }

    private static boolean outlookBlock(String[] lines, int from) {
        for (int j = from + 1; j < Math.min(lines.length, from + 5); j++) {
            if (OUTLOOK_SENT.matcher(lines[j]).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Trailing spaces off each line, at most one blank line in a row, none at either end. */
    static String tidy(String text) {
        return HtmlText.tidy(text);
    }

    /** Plain text of an HTML mail body, without the quoted history mail clients mark up (Gmail, Yahoo, Outlook, Thunderbird). */
    static String fromHtml(String html) {
        return HtmlText.plain(html, QUOTED);
    }
}
