package io.earshot.channels.internal.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature scheme Earshot's webhooks use both ways (the alert webhooks it sends, the sources that post to it and
 * the replies it sends them): {@code X-Earshot-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}
 * with {@code X-Earshot-Timestamp} in unix seconds, so one receiver library serves all of them.
 */
final class Signatures {

    static final String PREFIX = "sha256=";

    private Signatures() {
    }

    /** {@code sha256=<hex>} over {@code timestamp + "." + body}. */
    static String sign(String secret, String timestamp, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(mac(secret, timestamp, body));
    }

    /** Whether {@code header} is the signature of {@code timestamp + "." + body}; compared in constant time. */
    static boolean valid(String secret, String timestamp, byte[] body, String header) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(PREFIX.length()).strip().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, timestamp, body), given);
    }

    private static byte[] mac(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
