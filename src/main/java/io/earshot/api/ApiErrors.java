package io.earshot.api;

import io.earshot.platform.EarshotException;
import io.earshot.platform.ErrorBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every failure of the API answers in one shape, {@code {error: {code, message, field?}}}, never with a stack trace. */
@RestControllerAdvice
class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    static ResponseEntity<ErrorBody> error(int status, String code, String message, String field) {
        return ResponseEntity.status(status).body(ErrorBody.of(code, message, field));
    }

    @ExceptionHandler(EarshotException.class)
    ResponseEntity<ErrorBody> refused(EarshotException e) {
        return error(e.status(), e.code(), e.getMessage(), e.field());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e) {
        return error(400, "unreadable", "the request body is not valid JSON of the expected shape", null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorBody> mismatch(MethodArgumentTypeMismatchException e) {
        return error(400, "invalid", e.getName() + " has the wrong type", e.getName());
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ErrorBody> missing(MissingServletRequestParameterException e) {
        return error(400, "invalid", e.getParameterName() + " is required", e.getParameterName());
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ErrorBody> mediaType(HttpMediaTypeNotSupportedException e) {
        return error(415, "unsupported_media_type", "send application/json or application/x-ndjson", null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ErrorBody> method(HttpRequestMethodNotSupportedException e) {
        return error(405, "method_not_allowed", e.getMethod() + " is not supported here", null);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ErrorBody> notFound(NoResourceFoundException e) {
        return error(404, "not_found", "no such endpoint", null);
    }

    /** A browser that went away from a live stream: nothing to answer, nothing to log. */
    @ExceptionHandler(org.springframework.web.context.request.async.AsyncRequestNotUsableException.class)
    void gone() {
    }

    @ExceptionHandler(org.springframework.web.server.ResponseStatusException.class)
    ResponseEntity<ErrorBody> status(org.springframework.web.server.ResponseStatusException e) {
        int code = e.getStatusCode().value();
        return error(code, code == 404 ? "not_found" : "error", e.getReason() == null ? "no such page" : e.getReason(), null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ErrorBody> unexpected(Exception e) {
        log.error("unexpected failure", e);
        return error(500, "internal", "something went wrong on our side; it has been logged", null);
    }
}
