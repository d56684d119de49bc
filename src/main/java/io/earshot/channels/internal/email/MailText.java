package io.earshot.channels.internal.email;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The text of a mail as an agent reads it and the classifier sees it: HTML turned into plain text (jsoup's parser;
 * no script, style or other non-text content, a link as its text and its http(s)/mailto address, nothing else of
 * the markup), and the quoted history and signature trimmed. The original stays viewable, untrimmed.
 */
final class MailText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3",
            "h4", "h5", "h6", "blockquote", "pre", "hr", "section", "article", "header", "footer");
    private static final Pattern ON_WROTE = Pattern.compile("(?is)^\\s*(On|Am|Le|El|Il|Op)\\s.{1,300}(wrote|schrieb|a écrit|escribió|ha scritto|schreef)\\s*:\\s*$");
    private static final Pattern ORIGINAL = Pattern.compile("(?i)^\\s*-{2,}\\s*(Original Message|Ursprüngliche Nachricht|Forwarded message)\\s*-{2,}.*$");
    private static final Pattern OUTLOOK_FROM = Pattern.compile("(?i)^\\s*\\*?(From|Von|De)\\s*:\\*?\\s.+$");
    private static final Pattern OUTLOOK_SENT = Pattern.compile("(?i)^\\s*\\*?(Sent|Date|Gesendet|Envoyé)\\s*:\\*?\\s.+$");
    private static final Pattern SIGNATURE = Pattern.compile("^-- ?$");
    private static final Pattern SAFE_LINK = Pattern.compile("(?i)^(https?:|mailto:).*");

    private MailText() {
    }

    /** Plain text of an HTML body: no markup, no script or style text, links as text. */
    static String fromHtml(String html) {
        Document doc = Jsoup.parse(html);
        doc.select("script, style, head, title, noscript, template, iframe, object, embed, svg, math, form").remove();
        doc.select("blockquote[type=cite], div.gmail_quote, div.yahoo_quoted, div#divRplyFwdMsg, div.moz-cite-prefix").remove();
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    out.append(t.text());
                } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    newline(out);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e) {
                    if ("a".equals(e.normalName())) {
                        String href = e.attr("href").strip();
                        if (SAFE_LINK.matcher(href).matches() && !e.text().strip().equalsIgnoreCase(href)
                                && !href.equalsIgnoreCase("mailto:" + e.text().strip())) {
                            out.append(" (").append(href.replaceAll("[\\s<>]", "")).append(')');
                        }
                    } else if (BLOCKS.contains(e.normalName())) {
                        newline(out);
                    }
                }
            }
        }, doc.body() == null ? doc : doc.body());
        return tidy(out.toString().replace('\u00a0', ' '));
    }

    private static void newline(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
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
        String s = text.replace("\r\n", "\n").replaceAll("[ \\t\\x0B\\f]+\n", "\n").replaceAll("\n{3,}", "\n\n");
        return s.strip();
    }
}
