package io.earshot.ingest.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;

/** A small buffered character cursor with look-ahead; not thread-safe. Faster than {@code Reader.read()} per char. */
public final class CharSource implements Closeable {

    public static final int EOF = -1;

    private final Reader reader;
    private char[] buffer = new char[1 << 16];
    private int position;
    private int limit;
    private boolean exhausted;

    public CharSource(Reader reader) {
        this.reader = reader;
    }

    public int read() throws IOException {
        if (position >= limit && !fill(1)) {
            return EOF;
        }
        return buffer[position++];
    }

    /** The character {@code ahead} places past the cursor (0 = the next one to read), or {@link #EOF}. */
    public int peek(int ahead) throws IOException {
        if (position + ahead >= limit && !fill(ahead + 1)) {
            return EOF;
        }
        return buffer[position + ahead];
    }

    /** Makes at least {@code wanted} unread characters available, if the input has them. */
    private boolean fill(int wanted) throws IOException {
        if (position > 0 && position == limit) {
            position = 0;
            limit = 0;
        }
        while (limit - position < wanted && !exhausted) {
            if (position > 0 && limit == buffer.length) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            }
            if (limit == buffer.length) {
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int n = reader.read(buffer, limit, buffer.length - limit);
            if (n < 0) {
                exhausted = true;
            } else {
                limit += n;
            }
        }
        return limit - position >= wanted;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
