package io.earshot.platform.internal;

/**
 * Earshot's own PostgreSQL could not be prepared, started or stopped. It carries what went wrong and what to do
 * about it in words a user can act on; {@link EmbeddedDatabaseFailureAnalyzer} prints both instead of a stack trace.
 */
public class EmbeddedDatabaseException extends RuntimeException {

    private final String action;

    public EmbeddedDatabaseException(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    /** What the user can do about it. */
    public String action() {
        return action;
    }
}
