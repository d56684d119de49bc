package io.earshot.channels.internal.chat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Whether a signed-in visitor's email is the one the company's site vouches for: the site computes
 * {@code hex(HMAC-SHA256(identitySecret, email))} on its server and puts it in the widget's {@code data-hash}; a
 * visitor cannot forge it without the secret. Compared in constant time.
 */
final class IdentityCheck {

    static final String SECRET = "identitySecret";

    private IdentityCheck() {
    }

    /** True only when a secret is set and {@code hash} is the HMAC of {@code email} under it. */
    static boolean verified(String secret, String email, String hash) {
        if (secret == null || secret.isEmpty() || email == null || hash == null) {
            return false;
        }
        byte[] expected = sign(secret, email).getBytes(StandardCharsets.US_ASCII);
        byte[] given = hash.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }

    /** The hex HMAC-SHA256 of {@code email} under {@code secret}: what the company's server computes. */
    static String sign(String secret, String email) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(email.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
