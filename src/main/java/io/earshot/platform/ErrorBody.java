package io.earshot.platform;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The API's error shape: {@code {error: {code, message, field?}}}. */
public record ErrorBody(Detail error) {

    public static ErrorBody of(String code, String message, String field) {
        return new ErrorBody(new Detail(code, message, field));
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Detail(String code, String message, String field) {
    }
}
