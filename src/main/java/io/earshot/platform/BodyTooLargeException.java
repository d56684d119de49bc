package io.earshot.platform;

import io.earshot.platform.internal.RequestGuard;
import java.io.IOException;

/** A request body read past its limit ({@link RequestGuard}); answered 413 wherever it surfaces. */
public final class BodyTooLargeException extends IOException {

    private static final long serialVersionUID = 1L;
    private final long limit;

    public BodyTooLargeException(long limit) {
        super("the body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** The limit, when {@code e} or one of its causes is a body read past it. */
    public static java.util.OptionalLong in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BodyTooLargeException b) {
                return java.util.OptionalLong.of(b.limit);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return java.util.OptionalLong.empty();
    }
}
