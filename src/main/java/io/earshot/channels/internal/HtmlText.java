package io.earshot.channels.internal;

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
 * HTML from a channel (a mail body, a feed entry) as safe plain text, as an agent reads it and the classifier sees it:
 * jsoup's parser, no script, style or other non-text content, no attributes (so no {@code on*} handlers), a link as its
 * text and its http(s)/mailto address, nothing else of the markup. Shared by the channels that receive HTML.
 */
public final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "tr", "li", "ul", "ol", "table", "h1", "h2", "h3",
            "h4", "h5", "h6", "blockquote", "pre", "hr", "section", "article", "header", "footer");
    private static final Pattern SAFE_LINK = Pattern.compile("(?i)^(https?:|mailto:).*");

    private HtmlText() {
    }

    /**
     * Plain text of an HTML body: no markup, no script or style text, links as text; {@code alsoDrop} (a CSS selector,
     * or null) names more elements to leave out with their text.
     */
    public static String plain(String html, String alsoDrop) {
        Document doc = Jsoup.parse(html);
        doc.select("script, style, head, title, noscript, template, iframe, object, embed, svg, math, form").remove();
        if (alsoDrop != null && !alsoDrop.isBlank()) {
            doc.select(alsoDrop).remove();
        }
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

    /** Trailing spaces off each line, at most one blank line in a row, none at either end. */
    public static String tidy(String text) {
        String s = text.replace("\r\n", "\n").replaceAll("[ \\t\\x0B\\f]+\n", "\n").replaceAll("\n{3,}", "\n\n");
        return s.strip();
    }
}
