package io.earshot.ingest.internal;

import io.earshot.ingest.Channel;
import io.earshot.ingest.MessageItemParser;
import io.earshot.ingest.ParsedItem;
import io.earshot.ingest.ReplayItem;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Maps the Customer Support on Twitter CSV to API items, which {@link MessageItemParser} then validates.
 *
 * <p>Columns are found by header name, so both the original file
 * ({@code tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id}) and a pandas
 * re-save (leading unnamed index column, reply ids written as floats like {@code 3.0}) are read. Mapping: channel
 * {@code twitter}; externalId = tweet_id; direction from inbound {@code True/False}; author.handle = author_id;
 * text verbatim; createdAt from {@code Tue Oct 31 22:10:47 +0000 2017}; inReplyTo = in_response_to_tweet_id
 * without a float's {@code .0} (empty = none). {@code response_tweet_id} is not needed: links go child to parent.
 */
public final class TwcsItemSource implements ItemSource {

    static final String TWEET_ID = "tweet_id";
    static final String AUTHOR_ID = "author_id";
    static final String INBOUND = "inbound";
    static final String CREATED_AT = "created_at";
    static final String TEXT = "text";
    static final String IN_RESPONSE_TO = "in_response_to_tweet_id";
    public static final List<String> REQUIRED_COLUMNS = List.of(TWEET_ID, AUTHOR_ID, INBOUND, CREATED_AT, TEXT);

    private static final DateTimeFormatter TWITTER_TIME =
            DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss Z yyyy", Locale.ENGLISH);

    private final CsvRecordSource csv;
    private final MessageItemParser parser;
    private final int width;
    private final int tweetId;
    private final int authorId;
    private final int inbound;
    private final int createdAt;
    private final int text;
    private final int inResponseTo;
    private long recordNumber;

    private TwcsItemSource(CsvRecordSource csv, MessageItemParser parser, List<String> header) {
        this.csv = csv;
        this.parser = parser;
        this.width = header.size();
        this.tweetId = header.indexOf(TWEET_ID);
        this.authorId = header.indexOf(AUTHOR_ID);
        this.inbound = header.indexOf(INBOUND);
        this.createdAt = header.indexOf(CREATED_AT);
        this.text = header.indexOf(TEXT);
        this.inResponseTo = header.indexOf(IN_RESPONSE_TO);
    }

    /** The required columns missing from a header; empty when it is a TWCS header. */
    public static List<String> missingColumns(List<String> header) {
        List<String> names = normalise(header);
        List<String> missing = new ArrayList<>();
        for (String column : REQUIRED_COLUMNS) {
            if (!names.contains(column)) {
                missing.add(column);
            }
        }
        return missing;
    }

    /** Reads the header record; the caller has checked it with {@link #missingColumns}. */
    public static TwcsItemSource open(CsvRecordSource csv, List<String> header, MessageItemParser parser) {
        return new TwcsItemSource(csv, parser, normalise(header));
    }

    private static List<String> normalise(List<String> header) {
        List<String> names = new ArrayList<>(header.size());
        for (String name : header) {
            names.add(name.strip().toLowerCase(Locale.ROOT));
        }
        return names;
    }

    @Override
    public ReplayItem next() throws IOException {
        CsvRecord record = csv.next();
        if (record == null) {
            return null;
        }
        recordNumber++;
        return new ReplayItem(recordNumber, record.line(), map(record));
    }

    private ParsedItem map(CsvRecord record) {
        if (record.problem() != null) {
            return ParsedItem.rejected(null, record.problem());
        }
        List<String> fields = record.fields();
        if (fields.size() != width) {
            return ParsedItem.rejected(null,
                    "record starting on line " + record.line() + " has " + fields.size() + " fields, the header has "
                            + width);
        }
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        item.put("channel", Channel.TWITTER.wireName());
        item.put("externalId", plainId(fields.get(tweetId)));

        String direction = fields.get(inbound).strip();
        if (direction.equalsIgnoreCase("true")) {
            item.put("direction", "inbound");
        } else if (direction.equalsIgnoreCase("false")) {
            item.put("direction", "outbound");
        } else {
            return ParsedItem.rejected("direction", "direction: column inbound must be True or False");
        }

        item.putObject("author").put("handle", fields.get(authorId));
        item.put("text", fields.get(text));

        try {
            item.put("createdAt", OffsetDateTime.parse(fields.get(createdAt).strip(), TWITTER_TIME).toInstant().toString());
        } catch (DateTimeParseException e) {
            return ParsedItem.rejected("createdAt",
                    "createdAt: column created_at must look like Tue Oct 31 22:10:47 +0000 2017");
        }

        if (inResponseTo >= 0) {
            String parent = plainId(fields.get(inResponseTo));
            if (!parent.isEmpty()) {
                item.put("inReplyTo", parent);
            }
        }
        return parser.parse(item);
    }

    /** An id as written by pandas when the column had gaps ({@code 3.0}, {@code 1.2e+06}) back to {@code 3}. */
    public static String plainId(String raw) {
        String id = raw.strip();
        if (id.endsWith(".0") && isDigits(id, id.length() - 2)) {
            return id.substring(0, id.length() - 2);
        }
        if (id.indexOf('e') > 0 || id.indexOf('E') > 0 || id.indexOf('.') > 0) {
            try {
                return new BigDecimal(id).toBigIntegerExact().toString();
            } catch (NumberFormatException | ArithmeticException e) {
                return id; // not a number written as a float: keep it as it is
            }
        }
        return id;
    }

    private static boolean isDigits(String s, int end) {
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }
}
