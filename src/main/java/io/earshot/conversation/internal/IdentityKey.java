package io.earshot.conversation.internal;

import java.util.Locale;

/** A channel and a handle, or 'email' and an address; handles compare case-insensitively. */
public record IdentityKey(String channel, String handle) {

    public static IdentityKey of(String channel, String handle) {
        return new IdentityKey(channel, handle.trim().toLowerCase(Locale.ROOT));
    }

    public static IdentityKey email(String address) {
        return of("email", address);
    }
}
