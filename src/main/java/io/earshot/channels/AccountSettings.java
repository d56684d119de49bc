package io.earshot.channels;

import java.util.Map;

/**
 * What a connector is started with: its account and the account's settings, secrets opened (never logged; its
 * {@link #toString()} leaves them out).
 */
public record AccountSettings(long id, String kind, String name, Map<String, String> settings, Map<String, String> secrets) {

    public AccountSettings {
        settings = Map.copyOf(settings);
        secrets = Map.copyOf(secrets);
    }

    /** The setting {@code name}, or {@code fallback} when it is not set. */
    public String setting(String name, String fallback) {
        String v = settings.get(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** The setting {@code name} as a whole number, or {@code fallback}. */
    public int number(String name, int fallback) {
        String v = settings.get(name);
        return v == null || v.isBlank() ? fallback : Integer.parseInt(v.trim());
    }

    /** The setting {@code name} as a flag ("true"/"false"), or {@code fallback}. */
    public boolean flag(String name, boolean fallback) {
        String v = settings.get(name);
        return v == null || v.isBlank() ? fallback : Boolean.parseBoolean(v.trim());
    }

    /** The secret {@code name}, or null. */
    public String secret(String name) {
        return secrets.get(name);
    }

    @Override
    public String toString() {
        return "AccountSettings[id=" + id + ", kind=" + kind + ", name=" + name + ", settings=" + settings
                + ", secrets=" + secrets.keySet() + "]";
    }
}
