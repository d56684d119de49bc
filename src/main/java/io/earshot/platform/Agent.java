package io.earshot.platform;

/** A member of the team who works conversations. */
public record Agent(long id, String name, String email, Role role) {

    public boolean holds(Role needed) {
        return role.ordinal() >= needed.ordinal();
    }
}
