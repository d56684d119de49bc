package io.earshot.api;

import io.earshot.platform.Texts;
import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import io.earshot.platform.EarshotException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * How the fields of the request records are read. Jackson on its own would take 5 for a string, "true" for a boolean
 * and 1.5 for a whole number; these readers take exactly what the API documents and refuse anything else with a
 * {@link Refused} whose message {@link ApiErrors} puts after the field's name ("agentId must be an id (a string)").
 * What a well-typed value must still be (present, not blank, short enough) is Bean Validation's, on the records.
 */
final class Bodies {

    private Bodies() {
    }

    /** A string, never a number or a boolean taken for one, without the NUL character. */
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
    @Retention(RetentionPolicy.RUNTIME)
    @JacksonAnnotationsInside
    @JsonDeserialize(using = TextReader.class)
    @interface Text {
    }

    /** An id as Earshot gives it, a string, or the same digits as a JSON number. */
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
    @Retention(RetentionPolicy.RUNTIME)
    @JacksonAnnotationsInside
    @JsonDeserialize(using = IdReader.class)
    @interface Id {
    }

    /**
     * An id that may be cleared: left out it is Java null (keep what is there), JSON null is {@code Optional.empty()}
     * (clear it), anything else as {@link Id}.
     */
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
    @Retention(RetentionPolicy.RUNTIME)
    @JacksonAnnotationsInside
    @JsonDeserialize(using = ClearableIdReader.class)
    @interface ClearableId {
    }

    /** true or false; left out or null is false. */
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
    @Retention(RetentionPolicy.RUNTIME)
    @JacksonAnnotationsInside
    @JsonDeserialize(using = FlagReader.class)
    @interface Flag {
    }

    /** A whole number within the field's {@link Min} and {@link Max}, never a fraction or a string of digits. */
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
    @Retention(RetentionPolicy.RUNTIME)
    @JacksonAnnotationsInside
    @JsonDeserialize(using = WholeReader.class)
    @interface Whole {
    }

    /**
     * A list of at most 50 short (100 characters), non-blank strings, each trimmed; a single string counts as a list of
     * one. Left out it is Java null; JSON null is null too, unless {@code nullIsEmpty} (a field whose absence keeps what
     * is there, and whose null clears it).
     */
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
    @Retention(RetentionPolicy.RUNTIME)
    @JacksonAnnotationsInside
    @JsonDeserialize(using = StringsReader.class)
    @interface Strings {
        boolean nullIsEmpty() default false;
    }

    /** A text the body must hold: present, and not only spaces. */
    @Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
    @Retention(RetentionPolicy.RUNTIME)
    @jakarta.validation.constraints.NotNull(message = "is required")
    @jakarta.validation.constraints.NotBlank(message = "must not be blank")
    @jakarta.validation.Constraint(validatedBy = {})
    @interface Required {
        String message() default "is required";

        Class<?>[] groups() default {};

        Class<? extends jakarta.validation.Payload>[] payload() default {};
    }

    /** The message of a {@code @Size(max = ...)} on a text, after the field's name. */
    static final String LONGER = "is longer than {max} characters";

    /** The message of a {@code @Size(max = ...)} on a list, after the field's name. */
    static final String AT_MOST = "takes at most {max} entries";

    /** A value refused while reading a body; its message follows the field's name. */
    static final class Refused extends MismatchedInputException {
        private static final long serialVersionUID = 1L;

        Refused(JsonParser p, String problem) {
            super(p, problem);
        }
    }

    static final class TextReader extends StdDeserializer<String> {
        TextReader() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new Refused(p, "must be a string");
            }
            String s = p.getString();
            String problem = Texts.problem(s);
            if (problem != null) {
                throw new Refused(p, problem);
            }
            return s;
        }
    }

    static final class IdReader extends StdDeserializer<String> {
        IdReader() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) {
            return id(p);
        }

        static String id(JsonParser p) {
            if (p.currentToken() != JsonToken.VALUE_STRING && p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                throw new Refused(p, "must be an id (a string)");
            }
            return p.getString();
        }
    }

    static final class ClearableIdReader extends StdDeserializer<Optional<String>> {
        ClearableIdReader() {
            super(Optional.class);
        }

        @Override
        public Optional<String> deserialize(JsonParser p, DeserializationContext ctxt) {
            return Optional.of(IdReader.id(p));
        }

        @Override
        public Optional<String> getNullValue(DeserializationContext ctxt) {
            return Optional.empty();
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }
    }

    static final class FlagReader extends StdDeserializer<Boolean> {
        FlagReader() {
            super(Boolean.class);
        }

        @Override
        public Boolean deserialize(JsonParser p, DeserializationContext ctxt) {
            if (!p.currentToken().isBoolean()) {
                throw new Refused(p, "must be true or false");
            }
            return p.currentToken() == JsonToken.VALUE_TRUE;
        }

        @Override
        public Boolean getNullValue(DeserializationContext ctxt) {
            return Boolean.FALSE;
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return Boolean.FALSE;
        }
    }

    static final class WholeReader extends StdDeserializer<Long> {
        private final long min;
        private final long max;

        WholeReader() {
            this(Long.MIN_VALUE, Long.MAX_VALUE);
        }

        private WholeReader(long min, long max) {
            super(Long.class);
            this.min = min;
            this.max = max;
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            Min low = property == null ? null : property.getAnnotation(Min.class);
            Max high = property == null ? null : property.getAnnotation(Max.class);
            return new WholeReader(low == null ? Long.MIN_VALUE : low.value(), high == null ? Long.MAX_VALUE : high.value());
        }

        @Override
        public Long deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                long v = p.getLongValue();
                if (v >= min && v <= max) {
                    return v;
                }
            }
            throw new Refused(p, "must be a whole number from " + min + " to " + max);
        }
    }

    static final class StringsReader extends StdDeserializer<List<String>> {
        private final boolean nullIsEmpty;

        StringsReader() {
            this(false);
        }

        private StringsReader(boolean nullIsEmpty) {
            super(List.class);
            this.nullIsEmpty = nullIsEmpty;
        }

        @Override
        public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            Strings a = property == null ? null : property.getAnnotation(Strings.class);
            return new StringsReader(a != null && a.nullIsEmpty());
        }

        @Override
        public List<String> deserialize(JsonParser p, DeserializationContext ctxt) {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return List.of(p.getString().trim());
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw new Refused(p, "must be a list of strings");
            }
            List<String> out = new ArrayList<>();
            for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
                String s = t == JsonToken.VALUE_STRING ? p.getString() : null;
                if (s == null || s.isBlank() || s.length() > 100 || Texts.problem(s) != null) {
                    throw new Refused(p, "must be a list of short, non-blank strings");
                }
                if (out.size() == 50) {
                    throw new Refused(p, "takes at most 50 entries");
                }
                out.add(s.trim());
            }
            return out;
        }

        @Override
        public List<String> getNullValue(DeserializationContext ctxt) {
            return nullIsEmpty ? List.of() : null;
        }

        @Override
        public Object getAbsentValue(DeserializationContext ctxt) {
            return null;
        }
    }

    /** An ISO-8601 instant with an offset, from 1970 to 2999, such as 2031-05-05T10:00:00Z; the field is named otherwise. */
    static java.time.Instant instant(String field, String value) {
        return io.earshot.platform.Instants.require(field, value);
    }

    /** A duration such as "1h", "30m", "2d" or "PT1H", more than zero and at most a year. */
    static java.time.Duration duration(String field, String text) {
        try {
            java.time.Duration d = org.springframework.boot.convert.DurationStyle.detectAndParse(text.trim());
            if (d.isNegative() || d.isZero() || d.compareTo(java.time.Duration.ofDays(366)) > 0) {
                throw EarshotException.invalid(field, field + " must be more than zero and at most a year");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw EarshotException.invalid(field, field + " must be a duration such as 1h, 30m, 2d or PT1H");
        }
    }
}
