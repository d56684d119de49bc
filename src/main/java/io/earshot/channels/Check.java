package io.earshot.channels;

/** The result of "check connection": whether the account's settings reach the provider, and what was found. */
public record Check(boolean ok, String message) {

    public static Check ok(String message) {
        return new Check(true, message);
    }

    public static Check failed(String message) {
        return new Check(false, message);
    }
}
