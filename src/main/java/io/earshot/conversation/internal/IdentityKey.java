package io.earshot.conversation.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A channel and a handle, or 'email' and an address; handles compare case-insensitively. */
public record IdentityKey(String channel, String handle) {

    public static IdentityKey of(String channel, String handle) {
        return new IdentityKey(channel, handle.trim().toLowerCase(Locale.ROOT));
    }

    public static IdentityKey email(String address) {
        return of("email", address);
    }

    /**
     * The keys an author is known by, in the order they are matched: the email address first (on a channel whose
     * identities are addresses, {@code addressIdentity}, the handle is the address when none is given), then the
     * channel and handle, which on such a channel is left out when there is an address.
     */
    public static List<IdentityKey> keysOf(String channel, String handle, String email, boolean addressIdentity) {
        List<IdentityKey> keys = new ArrayList<>(2);
        boolean onEmail = addressIdentity;
        String address = onEmail && email == null && handle.contains("@") ? handle : email;
        if (address != null && !address.isBlank()) {
            keys.add(email(address));
        }
        if (!onEmail || keys.isEmpty()) {
            keys.add(of(channel, handle));
        }
        return keys;
    }

    /** The customer of the first of {@code keys} that is known, or null when none is. */
    public static Long firstKnown(List<IdentityKey> keys, Map<IdentityKey, Long> known) {
        for (IdentityKey k : keys) {
            Long customerId = known.get(k);
            if (customerId != null) {
                return customerId;
            }
        }
        return null;
    }
}
