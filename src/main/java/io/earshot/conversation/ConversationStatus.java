package io.earshot.conversation;

import java.util.Locale;
import java.util.Optional;

/** Where a conversation stands: {@code open} (waiting on us), {@code pending} (waiting on the customer), {@code resolved}. */
public enum ConversationStatus {
    OPEN, PENDING, RESOLVED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<ConversationStatus> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (ConversationStatus s : values()) {
            if (s.wireName().equals(value)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
