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

    /** PostgreSQL's "canceling statement due to statement timeout" (57014), whatever Spring wrapped it in. */
    static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof java.sql.SQLException s && "57014".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The error, always as JSON: a client that accepts only HTML (a browser's htmx request) still gets an answer, not a 406 turned 500. */
    static ResponseEntity<ErrorBody> error(int status, String code, String message, String field) {
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(ErrorBody.of(code, message, field));
    }

    @ExceptionHandler(EarshotException.class)
    ResponseEntity<ErrorBody> refused(EarshotException e) {
        return error(e.status(), e.code(), e.getMessage(), e.field());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ErrorBody> unreadable(HttpMessageNotReadableException e, jakarta.servlet.http.HttpServletRequest request) {
        java.util.OptionalLong limit = io.earshot.platform.BodyTooLargeException.in(e);
        if (limit.isEmpty() && e.getCause() instanceof tools.jackson.databind.DatabindException) {
            limit = restPastLimit(request);
        }
        if (limit.isPresent()) {
            return error(413, "too_large", "the body is larger than " + limit.getAsLong() + " bytes (earshot.http.max-body-size)", null);
        }
        if (e.getCause() instanceof tools.jackson.databind.DatabindException d && !d.getPath().isEmpty()) {
            String field = RequestFields.path(d.getPath());
            return error(400, "invalid", field + " " + RequestFields.problem(d), field);
        }
        if (e.getCause() instanceof tools.jackson.core.JacksonException j && !(j instanceof tools.jackson.databind.DatabindException)) {
            return error(400, "unreadable", "the request body is not valid JSON: " + MessagesController.brief(j), null);
        }
        return error(400, "unreadable", "the request body must be a JSON object of the shape this endpoint documents", null);
    }

    /** A request record that Bean Validation refused: the first of its fields at fault, in the record's order. */
    @ExceptionHandler(org.springframework.web.bind.MethodArgumentNotValidException.class)
    ResponseEntity<ErrorBody> notValid(org.springframework.web.bind.MethodArgumentNotValidException e) {
        return invalid(RequestFields.first(e.getBindingResult().getTarget(), e.getBindingResult().getFieldErrors()));
    }

    @ExceptionHandler(org.springframework.web.method.annotation.HandlerMethodValidationException.class)
    ResponseEntity<ErrorBody> notValid(org.springframework.web.method.annotation.HandlerMethodValidationException e) {
        for (org.springframework.validation.method.ParameterValidationResult r : e.getParameterValidationResults()) {
            if (r instanceof org.springframework.validation.method.ParameterErrors errors && errors.hasFieldErrors()) {
                return invalid(RequestFields.first(errors.getArgument(), errors.getFieldErrors()));
            }
            String name = r.getMethodParameter().getParameterName();
            if (name != null && !r.getResolvableErrors().isEmpty()) {
                return error(400, "invalid", name + " " + r.getResolvableErrors().get(0).getDefaultMessage(), name);
            }
        }
        return error(400, "invalid", "the request is not valid", null);
    }

    private static ResponseEntity<ErrorBody> invalid(org.springframework.validation.FieldError first) {
        if (first == null) {
            return error(400, "invalid", "the request body is not valid", null);
        }
        return error(400, "invalid", first.getField() + " " + first.getDefaultMessage(), first.getField());
    }

    /**
     * A body refused at its first wrong value was not read to its end; what is left is read (up to the size limit) so
     * that a body past the limit is 413 whatever it holds, as when bodies were read whole.
     */
    private static java.util.OptionalLong restPastLimit(jakarta.servlet.http.HttpServletRequest request) {
        try {
            request.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        } catch (java.io.IOException | IllegalStateException gone) {
            return io.earshot.platform.BodyTooLargeException.in(gone);
        }
        return java.util.OptionalLong.empty();
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ErrorBody> mismatch(MethodArgumentTypeMismatchException e) {
        Class<?> type = e.getRequiredType();
        String expected = type == null ? "another type" : Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class
                ? "a whole number" : type == Boolean.class || type == boolean.class ? "true or false"
                : type.isEnum() ? "one of " + java.util.Arrays.toString(type.getEnumConstants()).toLowerCase(java.util.Locale.ROOT)
                : "another kind of value";
        return error(400, "invalid", e.getName() + " must be " + expected, e.getName());
    }

    @ExceptionHandler(org.springframework.web.bind.ServletRequestBindingException.class)
    ResponseEntity<ErrorBody> binding(org.springframework.web.bind.ServletRequestBindingException e) {
        return error(400, "invalid", "a required parameter or header is missing", null);
    }

    @ExceptionHandler(org.springframework.web.HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ErrorBody> notAcceptable(org.springframework.web.HttpMediaTypeNotAcceptableException e) {
        return ResponseEntity.status(406).contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(ErrorBody.of("not_acceptable", "this endpoint answers application/json", null));
    }

    /** A body read past its limit where the controller reads it itself (chunked, no declared length). */
    @ExceptionHandler(io.earshot.platform.BodyTooLargeException.class)
    ResponseEntity<ErrorBody> tooLarge(io.earshot.platform.BodyTooLargeException e) {
        return error(413, "too_large", "the body is larger than " + e.limit() + " bytes", null);
    }

    /**
     * A statement cancelled by its timeout, a database that cannot be reached, a deadlock or lock timeout, a race
     * lost after its retries: nothing was stored, and the client may simply try again.
     */
    @ExceptionHandler({org.springframework.dao.QueryTimeoutException.class,
            org.springframework.dao.DataAccessResourceFailureException.class,
            org.springframework.dao.TransientDataAccessException.class,
            org.springframework.transaction.CannotCreateTransactionException.class})
    ResponseEntity<ErrorBody> busy(Exception e, jakarta.servlet.http.HttpServletResponse response) {
        if (response.isCommitted()) {
            log.debug("database gone under a response already under way (a live stream at shutdown): {}", e.getMessage());
            return null; // its status and type are sent: nothing more can be said
        }
        response.reset(); // a live stream may have set text/event-stream; the answer is JSON
        log.warn("refused as busy: {}", e.getMessage());
        return ResponseEntity.status(503).header("Retry-After", "5").contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(ErrorBody.of("busy", "this took too long or the database is unavailable; try again, or narrow the search", null));
    }

    /** Spring Security's firewall, when a parameter it checks lazily (a name with control characters) is read. */
    @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
    ResponseEntity<ErrorBody> rejected(org.springframework.security.web.firewall.RequestRejectedException e) {
        return error(400, "bad_request", "the request holds a parameter name or value Earshot refuses (control characters, or too long)", null);
    }

    /** The client went away mid-answer (a closed tab, a cancelled request): nothing to answer, nothing to log. */
    @ExceptionHandler(org.apache.catalina.connector.ClientAbortException.class)
    void clientGone() {
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
    ResponseEntity<ErrorBody> unexpected(Exception e, jakarta.servlet.http.HttpServletResponse response) {
        if (timedOut(e)) {
            return busy(e, response);
        }
        if (e instanceof java.io.IOException && e.getMessage() != null && (e.getMessage().contains("Broken pipe")
                || e.getMessage().contains("Connection reset"))) {
            return null; // the client went away
        }
        log.error("unexpected failure", e);
        if (response.isCommitted()) {
            return null; // a response already under way (a live stream): its status is sent, nothing more can be said
        }
        response.reset(); // a live stream may have set text/event-stream; the answer is JSON
        return error(500, "internal", "something went wrong on our side; it has been logged", null);
    }
}
