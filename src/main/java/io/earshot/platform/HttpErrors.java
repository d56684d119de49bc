package io.earshot.platform;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Writes the API's error shape, {@code {"error":{"code","message","field"?}}}, where no message converter is at
 * hand: servlet filters, Spring Security's handlers, Tomcat's own error reports.
 */
public final class HttpErrors {

    private HttpErrors() {
    }

    public static void write(HttpServletResponse response, int status, String code, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(json(code, message));
        response.flushBuffer();
    }

    public static String json(String code, String message) {
        return "{\"error\":{\"code\":" + quote(code) + ",\"message\":" + quote(message) + "}}";
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** The code the API uses for an HTTP status it did not choose itself (Tomcat's, the firewall's). */
    public static String codeOf(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "timeout";
            case 413 -> "too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 429 -> "too_many_requests";
            case 431 -> "headers_too_large";
            case 503 -> "unavailable";
            default -> status >= 500 ? "internal" : "error";
        };
    }

    /** A sentence for an HTTP status Earshot did not choose itself. */
    public static String messageOf(int status) {
        return switch (status) {
            case 400 -> "the request is malformed (its path, query or headers could not be read)";
            case 401 -> "a valid 'Authorization: Bearer <token>' header is required";
            case 403 -> "your role may not do this";
            case 404 -> "no such endpoint";
            case 405 -> "this method is not supported here";
            case 408 -> "the request took too long to arrive";
            case 413 -> "the body is too large";
            case 414 -> "the address is too long";
            case 415 -> "send application/json";
            case 429 -> "too many requests; wait and try again";
            case 431 -> "the request's headers are too large";
            case 503 -> "Earshot is busy or its database is unavailable; try again shortly";
            default -> status >= 500 ? "something went wrong on our side; it has been logged" : "the request failed";
        };
    }
}
