package io.earshot.platform.internal;

/** An agent's desk password was set or reset; sessions signed in with the old one should end. */
public record PasswordChanged(long agentId, String email) {
}
