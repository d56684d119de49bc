package io.earshot.classify;

import java.util.Locale;

/** What the author of an inbound message wants. The wire name is the lower-case constant name. */
public enum Intent {
    COMPLAINT, QUESTION, PRAISE, OUTAGE, REQUEST, OTHER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
