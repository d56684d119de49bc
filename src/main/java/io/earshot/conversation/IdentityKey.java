package io.earshot.conversation;

import java.util.Locale;

/** A channel and a handle, or 'email' and an address; handles compare case-insensitively. */
record IdentityKey(String channel, String handle) {

    static IdentityKey of(String channel, String handle) {
        return new IdentityKey(channel, handle.trim().toLowerCase(Locale.ROOT));
    }

    static IdentityKey email(String address) {
        return of("email", address);
    }
}
