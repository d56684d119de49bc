package io.earshot.channels.internal;

import io.earshot.platform.EarshotException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals account secrets at rest with AES-256-GCM under a key from the environment ({@code EARSHOT_SECRET_KEY}, at
 * least 32 characters; its SHA-256 is the key). Each sealed value is bound to its account (the account id is the
 * additional authenticated data), so a sealed blob copied to another account does not open. The JDK's own cipher:
 * no library needed for one AEAD call.
 */
@Component
public class SecretBox {

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(@Value("${earshot.secret-key:}") String secretKey) {
        String k = secretKey == null ? "" : secretKey.strip();
        if (k.isEmpty()) {
            this.key = null;
        } else if (k.length() < 32) {
            throw new IllegalStateException("EARSHOT_SECRET_KEY must have at least 32 characters (use a long random one: "
                    + "openssl rand -base64 32)");
        } else {
            this.key = new SecretKeySpec(sha256(k), "AES");
        }
    }

    /** True when a key is configured, so secrets can be stored. */
    public boolean ready() {
        return key != null;
    }

    /** Seals {@code plain} for account {@code accountId}; refuses, naming the field, when no key is configured. */
    public byte[] seal(long accountId, String plain) {
        if (key == null) {
            throw EarshotException.invalid("secrets", "Earshot stores no secrets without a key: set EARSHOT_SECRET_KEY "
                    + "(at least 32 characters, e.g. from openssl rand -base64 32) and restart");
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            c.updateAAD(aad(accountId));
            byte[] sealed = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length).put(VERSION).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a secret: " + e.getMessage(), e);
        }
    }

    /** Opens what {@link #seal} sealed for the same account; fails clearly with a wrong or missing key. */
    public String open(long accountId, byte[] sealed) {
        if (key == null) {
            throw new IllegalStateException("account " + accountId + " has secrets but EARSHOT_SECRET_KEY is not set");
        }
        try {
            if (sealed.length < 1 + IV_BYTES || sealed[0] != VERSION) {
                throw new IllegalStateException("account " + accountId + "'s secrets are not in a form this Earshot reads");
            }
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 1, IV_BYTES));
            c.updateAAD(aad(accountId));
            byte[] plain = c.doFinal(sealed, 1 + IV_BYTES, sealed.length - 1 - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new IllegalStateException("account " + accountId + "'s secrets do not open with this EARSHOT_SECRET_KEY "
                    + "(was the key changed?); enter the secrets again");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open account " + accountId + "'s secrets: " + e.getMessage(), e);
        }
    }

    private static byte[] aad(long accountId) {
        return ("channel_account:" + accountId).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
