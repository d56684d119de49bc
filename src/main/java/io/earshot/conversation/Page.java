package io.earshot.conversation;

import java.util.List;

/** A page of items and the cursor of the next one (null on the last page). */
public record Page<T>(List<T> items, String nextCursor) {
}
