package io.earshot.channels.internal.feed;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import io.earshot.channels.internal.HtmlText;
import io.earshot.ingest.IngestLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/**
 * An RSS (0.9x, 1.0, 2.0) or Atom (0.3, 1.0) document read with Rome into entries as Earshot stores them: the text is
 * the title and the entry's content (else its description), HTML turned into safe plain text by {@link HtmlText}.
 * A document with a DOCTYPE is refused outright (Rome's default, set here on purpose: no DTD, so no external or
 * recursive entities), and so is anything that is not a feed, with a message for the account's health.
 */
final class FeedParser {

    /** A feed read: its title and type ("rss_2.0", "atom_1.0"), and its entries in the feed's order. */
    record Feed(String title, String type, List<Entry> entries) {
    }

    /**
     * One entry.
     *
     * @param id        its guid or atom:id, null when it has none
     * @param link      its link, null when it has none
     * @param author    its author's name, null when it names none
     * @param text      the title and the cleaned content
     * @param published when it was published, else updated; null when it says neither
     */
    record Entry(String id, String link, String author, String text, Instant published) {
    }

    /** The feed in {@code body} ({@code contentType} as the server sent it, or null), or why it is not one. */
    Feed parse(byte[] body, String contentType, String from) throws IOException {
        SyndFeed feed;
        try {
            SyndFeedInput input = new SyndFeedInput();
            input.setAllowDoctypes(false);
            input.setXmlHealerOn(true);
            feed = input.build(new XmlReader(new ByteArrayInputStream(body), contentType, true));
        } catch (FeedException | IllegalArgumentException e) {
            throw new IOException(notAFeed(from, e));
        }
        List<Entry> entries = new ArrayList<>();
        for (SyndEntry e : feed.getEntries()) {
            entries.add(entry(e));
        }
        return new Feed(blankToNull(feed.getTitle()), feed.getFeedType(), entries);
    }

    private static String notAFeed(String from, Exception e) {
        String why = String.valueOf(e.getMessage());
        if (why.contains("DOCTYPE")) {
            return "the feed at " + from + " declares a DOCTYPE, which Earshot refuses (it could pull in external entities)";
        }
        if (why.length() > 300) {
            why = why.substring(0, 300);
        }
        return "the body at " + from + " is not an RSS or Atom feed: " + why;
    }

    private static Entry entry(SyndEntry e) {
        String title = e.getTitle() == null ? "" : clean(e.getTitle(), e.getTitleEx() == null ? null : e.getTitleEx().getType());
        String content = content(e);
        String text = title.isBlank() ? content : content.isBlank() || content.equals(title) ? title : title + "\n\n" + content;
        if (text.length() > IngestLimits.DEFAULT_MAX_TEXT_CHARS) {
            text = text.substring(0, IngestLimits.DEFAULT_MAX_TEXT_CHARS - 1) + "…";
        }
        Date at = e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate();
        String author = e.getAuthor();
        if ((author == null || author.isBlank()) && e.getAuthors() != null && !e.getAuthors().isEmpty()) {
            author = e.getAuthors().get(0).getName();
        }
        return new Entry(blankToNull(e.getUri()), blankToNull(e.getLink()), blankToNull(author == null ? null : HtmlText.plain(author, null)),
                text, at == null ? null : at.toInstant());
    }

    /** The entry's content (Atom content, RSS content:encoded), else its description (summary), as plain text. */
    private static String content(SyndEntry e) {
        if (e.getContents() != null) {
            for (SyndContent c : e.getContents()) {
                if (c.getValue() != null && !c.getValue().isBlank()) {
                    return clean(c.getValue(), c.getType());
                }
            }
        }
        SyndContent d = e.getDescription();
        return d == null || d.getValue() == null ? "" : clean(d.getValue(), d.getType());
    }

    /** Plain text of a feed text construct: markup cleaned unless it is declared plain text. */
    private static String clean(String value, String type) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        boolean plain = t.equals("text") || t.equals("text/plain");
        return plain && value.indexOf('<') < 0 ? HtmlText.tidy(value) : HtmlText.plain(value, null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
