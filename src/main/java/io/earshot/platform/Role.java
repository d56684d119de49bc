package io.earshot.platform;

import java.util.Locale;
import java.util.Optional;

/** What an agent may do: an agent works conversations, a lead also manages them, an admin everything. */
public enum Role {
    AGENT, LEAD, ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority; higher roles hold the lower ones too. */
    public String authority() {
        return "ROLE_" + name();
    }

    public static Optional<Role> fromWire(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Role r : values()) {
            if (r.wireName().equals(value)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
