package io.earshot.channels.internal.email;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Message-IDs and the external ids they become. A customer's mail is stored under its Message-ID without the angle
 * brackets; one without a usable Message-ID under {@code sha256:} and the hash of its raw bytes (stable across a
 * UIDVALIDITY change, unlike a UID). Our replies go out as {@code <earshot-<messageId>.<accountId>@<mailbox domain>>}:
 * the reply is stored as {@code earshot-<messageId>}, so a reference to it maps back without a lookup, and the account
 * id tells our own copies (the BCC to the mailbox) from a stranger's mail.
 */
final class MessageIds {

    private static final Pattern OURS = Pattern.compile("^earshot-(\\d{1,19})\\.(\\d{1,19})@[^\\s<>]+$");
    private static final int MAX_ID = 200;

    private MessageIds() {
    }

    /** Our Message-ID, with brackets, for a reply with idempotency key {@code earshot-<messageId>}. */
    static String ours(String idempotencyKey, long accountId, String address) {
        int at = address.lastIndexOf('@');
        String domain = at < 0 || at == address.length() - 1 ? "earshot.invalid" : address.substring(at + 1);
        return "<" + idempotencyKey + "." + accountId + "@" + domain.replaceAll("[^A-Za-z0-9.-]", "") + ">";
    }

    /** A Message-ID header value without brackets and white space, or null when there is none. */
    static String bare(String header) {
        if (header == null) {
            return null;
        }
        String s = header.strip();
        int lt = s.indexOf('<');
        int gt = s.indexOf('>', lt + 1);
        if (lt >= 0 && gt > lt) {
            s = s.substring(lt + 1, gt);
        }
        s = s.replaceAll("\\s", "");
        return s.isEmpty() || s.indexOf('@') < 0 ? null : s;
    }

    /** The account whose reply this Message-ID (bare) is, if it is one of ours. */
    static Optional<Long> ourAccount(String bare) {
        Matcher m = bare == null ? null : OURS.matcher(bare);
        return m != null && m.matches() ? Optional.of(Long.parseLong(m.group(2))) : Optional.empty();
    }

    /** The external id a Message-ID (bare) is stored under: ours map to the reply's, others are kept (or hashed if long). */
    static String externalId(String bare) {
        Matcher m = OURS.matcher(bare);
        if (m.matches()) {
            return "earshot-" + m.group(1);
        }
        return bare.length() <= MAX_ID ? bare : "sha256:" + sha256(bare.getBytes(StandardCharsets.UTF_8));
    }

    /** The external id of a mail without a Message-ID: the hash of its bytes. */
    static String fallback(byte[] raw) {
        return "sha256:" + sha256(raw);
    }

    /** The header form of an external id for In-Reply-To and References, or null when it is no Message-ID. */
    static String header(String externalId, long accountId, String address) {
        if (externalId == null || externalId.startsWith("sha256:")) {
            return null;
        }
        if (externalId.matches("earshot-\\d+")) {
            return ours(externalId, accountId, address);
        }
        return externalId.indexOf('@') > 0 ? "<" + externalId.replaceAll("[\\s<>]", "") + ">" : null;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 40);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
