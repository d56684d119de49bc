package io.earshot.conversation.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Small helpers for IN-lists and nullable columns. */
public final class Sql {

    static final int CHUNK = 1000;

    private Sql() {
    }

    /**
     * A table of the ids passed as one array parameter, to join against: {@code unnest(?) as alias(id)}. Unlike a
     * long {@code IN (?, ?, …)} list, which H2 re-checks row by row against the whole list, a join checks each
     * row once, and both databases look the ids up in the index.
     */
    public static String idTable(String alias) {
        return "unnest(cast(? as bigint array)) as " + alias + " (id)";
    }

    public static Long[] array(Collection<Long> ids) {
        return ids.toArray(new Long[0]);
    }

    static <T> List<List<T>> chunks(Collection<T> values) {
        List<T> all = new ArrayList<>(values);
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            out.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return out;
    }

    public static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
