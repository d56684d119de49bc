package io.earshot.platform;

/** A refusal the API turns into its error shape, with an HTTP status, a stable code and maybe the field at fault. */
public class EarshotException extends RuntimeException {

    private final int status;
    private final String code;
    private final String field;

    public EarshotException(int status, String code, String message, String field) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public static EarshotException notFound(String what, String id) {
        return new EarshotException(404, "not_found", "no " + what + " with id '" + id + "'", null);
    }

    public static EarshotException invalid(String field, String message) {
        return new EarshotException(400, "invalid", message, field);
    }

    public static EarshotException conflict(String message) {
        return new EarshotException(409, "conflict", message, null);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }
}
