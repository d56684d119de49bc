package io.earshot.channels;

/**
 * One setting a connector takes: its name, whether it must be given, whether it is a secret (sealed at rest, never
 * shown again), what it means and, for the docs, an example.
 */
public record Setting(String name, boolean required, boolean secret, String description, String example) {

    public static Setting required(String name, String description, String example) {
        return new Setting(name, true, false, description, example);
    }

    public static Setting optional(String name, String description, String example) {
        return new Setting(name, false, false, description, example);
    }

    public static Setting secret(String name, boolean required, String description) {
        return new Setting(name, required, true, description, null);
    }
}
