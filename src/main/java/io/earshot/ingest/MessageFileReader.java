package io.earshot.ingest;

import io.earshot.ingest.internal.CharSource;
import io.earshot.ingest.internal.CsvRecord;
import io.earshot.ingest.internal.ItemSource;
import io.earshot.ingest.internal.NdjsonItemSource;
import io.earshot.ingest.internal.Rfc4180Reader;
import io.earshot.ingest.internal.SortedItemSource;
import io.earshot.ingest.internal.TwcsItemSource;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.GZIPInputStream;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a replay file item by item, choosing the format by content: NDJSON in the API's item shape when the first
 * non-blank character is <code>{</code>, otherwise the Customer Support on Twitter CSV (recognised by its header).
 * A gzip-compressed file is decompressed on the fly; a UTF-8 byte order mark is skipped; undecodable bytes become
 * U+FFFD rather than stopping the replay.
 *
 * <p>NDJSON is streamed: one line in memory at a time, however large the file. CSV is streamed too unless
 * {@link ReplayOptions#sortCsvByCreatedAt()} is set (the default), in which case {@link #open} reads the whole
 * CSV into memory and sorts it.
 *
 * <p>Bad items never stop the replay: each comes back as a {@link ReplayItem} whose {@link ParsedItem} is
 * rejected. Iteration throws {@link UncheckedIOException} only when the file itself cannot be read. Not
 * thread-safe; close it when done (closing the {@link #stream()} closes it too).
 */
public final class MessageFileReader implements Iterator<ReplayItem>, Closeable {

    private static final int DETECT_LOOKAHEAD = 1 << 20;

    private final ReplayFormat format;
    private final ItemSource source;
    private ReplayItem pending;
    private boolean done;

    private MessageFileReader(ReplayFormat format, ItemSource source) {
        this.format = format;
        this.source = source;
    }

    /** Opens {@code file} with default options and a default JSON mapper. */
    public static MessageFileReader open(Path file, MessageItemParser parser) throws IOException {
        return open(file, parser, JsonMapper.builder().build(), ReplayOptions.defaults());
    }

    public static MessageFileReader open(Path file, MessageItemParser parser, JsonMapper json, ReplayOptions options)
            throws IOException {
        return open(Files.newInputStream(file), file.toString(), parser, json, options);
    }

    /**
     * Reads from {@code in}, which the reader owns and closes (also when opening fails).
     *
     * @param name how to call the input in error messages, e.g. its path
     * @throws IOException when the input cannot be read or is neither NDJSON nor a TWCS CSV
     */
    public static MessageFileReader open(InputStream in, String name, MessageItemParser parser, JsonMapper json,
            ReplayOptions options) throws IOException {
        Objects.requireNonNull(parser, "parser");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(options, "options");
        CharSource chars = null;
        try {
            chars = new CharSource(new InputStreamReader(decompressed(in), StandardCharsets.UTF_8));
            if (chars.peek(0) == '\uFEFF') {
                chars.read();
            }
            int first = firstNonBlank(chars);
            if (first == '{' || first == CharSource.EOF) { // an empty file is an empty NDJSON file
                ObjectReader reader = json.reader()
                        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                        .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
                return new MessageFileReader(ReplayFormat.NDJSON,
                        new NdjsonItemSource(chars, reader, parser, options.maxRecordChars()));
            }
            if (first == '[') {
                throw new IOException(name + ": a JSON array is not supported; write one JSON object per line (NDJSON)");
            }
            Rfc4180Reader csv = new Rfc4180Reader(chars, options.maxRecordChars());
            CsvRecord header = csv.next();
            List<String> missing = header == null ? TwcsItemSource.REQUIRED_COLUMNS
                    : TwcsItemSource.missingColumns(header.fields());
            if (!missing.isEmpty()) {
                throw new IOException(name + ": not a replay file: expected NDJSON (one JSON object per line) or a "
                        + "Customer Support on Twitter CSV whose header has " + TwcsItemSource.REQUIRED_COLUMNS
                        + "; missing " + missing);
            }
            ItemSource items = TwcsItemSource.open(csv, header.fields(), parser);
            if (options.sortCsvByCreatedAt()) {
                items = SortedItemSource.drain(items, options.maxSortedRecords(), name);
            }
            return new MessageFileReader(ReplayFormat.TWCS_CSV, items);
        } catch (IOException | RuntimeException e) {
            try {
                if (chars != null) {
                    chars.close();
                } else {
                    in.close();
                }
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private static InputStream decompressed(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        buffered.mark(2);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            return new GZIPInputStream(buffered, 1 << 16);
        }
        return buffered;
    }

    private static int firstNonBlank(CharSource chars) throws IOException {
        for (int i = 0; i < DETECT_LOOKAHEAD; i++) {
            int c = chars.peek(i);
            if (c == CharSource.EOF || !Character.isWhitespace(c)) {
                return c;
            }
        }
        return CharSource.EOF;
    }

    public ReplayFormat format() {
        return format;
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !done) {
            try {
                pending = source.next();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            done = pending == null;
        }
        return pending != null;
    }

    @Override
    public ReplayItem next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ReplayItem item = pending;
        pending = null;
        return item;
    }

    /** The remaining items as a sequential stream; closing the stream closes this reader. */
    public Stream<ReplayItem> stream() {
        Spliterator<ReplayItem> split = Spliterators.spliteratorUnknownSize(this,
                Spliterator.ORDERED | Spliterator.NONNULL);
        return StreamSupport.stream(split, false).onClose(() -> {
            try {
                close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public void close() throws IOException {
        done = true;
        pending = null;
        source.close();
    }
}
