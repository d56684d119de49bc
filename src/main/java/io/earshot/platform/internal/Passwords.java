package io.earshot.platform.internal;

import io.earshot.platform.Agents;
import io.earshot.platform.EarshotException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Agents' sign-in passwords: checked for length, stored only as a bcrypt hash (Spring Security's encoder). */
@Component
public class Passwords {

    static final int MIN_LENGTH = 10;
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();

    PasswordEncoder encoder() {
        return encoder;
    }

    /** The hash of an acceptable password; refuses a short one naming the field. */
    public String hash(String password, String field) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw EarshotException.invalid(field, field + " must have at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
            throw EarshotException.invalid(field, field + " takes at most 72 bytes (bcrypt's limit; about 72 plain letters)");
        }
        return encoder.encode(password);
    }
}
