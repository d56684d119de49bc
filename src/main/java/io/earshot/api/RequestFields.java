package io.earshot.api;

import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.springframework.validation.FieldError;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Which field of a request body is at fault, and what is wrong with it, in words a client reads (never a class name). */
final class RequestFields {

    /** Of one field's problems, the one said first: missing, then blank, then too long, then anything else. */
    private static final List<String> FIRST_SAID = List.of("NotNull", "NotBlank", "Size");

    private RequestFields() {
    }

    /** The field error to answer with: the first field in the record's own order, its most basic problem. */
    static FieldError first(Object target, List<FieldError> errors) {
        List<String> order = target != null && target.getClass().isRecord()
                ? java.util.Arrays.stream(target.getClass().getRecordComponents()).map(RecordComponent::getName).toList()
                : List.of();
        return errors.stream().min(Comparator.<FieldError>comparingInt(f -> rank(order, f.getField()))
                .thenComparingInt(f -> rank(FIRST_SAID, f.getCode()))).orElse(null);
    }

    private static int rank(List<String> order, String name) {
        int i = order.indexOf(name);
        return i < 0 ? order.size() : i;
    }

    /** The JSON path of the value at fault: {@code teamId}, {@code author.name}, {@code holidays[2]}. */
    static String path(List<DatabindException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (DatabindException.Reference r : path) {
            if (r.getPropertyName() != null) {
                out.append(out.isEmpty() ? "" : ".").append(r.getPropertyName());
            } else if (r.getIndex() >= 0) {
                out.append('[').append(r.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    /** What is wrong with the value, after the field's name. */
    static String problem(DatabindException e) {
        if (e instanceof Bodies.Refused) {
            return e.getOriginalMessage();
        }
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a field of this body";
        }
        if (e instanceof InvalidTypeIdException) {
            return "names a type this body does not know";
        }
        Class<?> type = e instanceof MismatchedInputException m ? m.getTargetType() : null;
        return "must be " + kind(type);
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "a value of the documented kind";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return "a value of the documented kind";
    }
}
