package io.earshot.channels.internal.email;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.util.unit.DataSize;

/**
 * The email_original table: each stored mail's raw bytes, by account and external id, for agents to read the whole
 * mail (quotes, signature, headers) and download its attachments. A mail larger than
 * {@code earshot.email.max-stored-size} (25 MB) keeps its headers and a note, not its attachments; that is logged.
 * Written before the message (the same mail fetched again writes nothing): a mail whose message is never stored
 * leaves only a row nobody reads.
 */
@Repository
public class EmailOriginals {

    private static final Logger log = LoggerFactory.getLogger(EmailOriginals.class);

    private final JdbcTemplate jdbc;
    private final long maxStored;

    EmailOriginals(JdbcTemplate jdbc, @Value("${earshot.email.max-stored-size:25MB}") DataSize maxStored) {
        this.jdbc = jdbc;
        this.maxStored = maxStored.toBytes();
    }

    /** The largest mail kept whole, in bytes ({@code earshot.email.max-stored-size}). */
    long maxStored() {
        return maxStored;
    }

    void save(long accountId, String externalId, byte[] raw, Instant received) {
        if (raw.length > maxStored) {
            log.warn("account {}: mail {} is {} bytes, over earshot.email.max-stored-size ({} bytes): its headers and text are "
                    + "kept, its attachments are not", accountId, externalId, raw.length, maxStored);
            insert(accountId, externalId, headersWithNote(raw, raw.length), raw.length, false, received);
            return;
        }
        insert(accountId, externalId, raw, raw.length, true, received);
    }

    /**
     * Keeps only the headers of a mail of {@code size} bytes that was too large to fetch whole (its size, as the server
     * gave it, is over the limit; the caller logged that), with a note in place of the body.
     */
    void saveHeaders(long accountId, String externalId, byte[] headers, long size, Instant received) {
        insert(accountId, externalId, headersWithNote(headers, size), size, false, received);
    }

    private void insert(long accountId, String externalId, byte[] kept, long size, boolean whole, Instant received) {
        jdbc.update("insert into email_original (account_id, external_id, raw, size, whole, received_at) values (?, ?, ?, ?, ?, ?) "
                + "on conflict (account_id, external_id) do nothing", accountId, externalId, kept, size, whole,
                received.toEpochMilli());
    }

    /** The raw mail stored for the message, if any. */
    public Optional<byte[]> raw(long accountId, String externalId) {
        return jdbc.query("select raw from email_original where account_id = ? and external_id = ?", (rs, n) -> rs.getBytes(1),
                accountId, externalId).stream().findFirst();
    }

    /** The header block of {@code raw} (a whole mail, or its header block with the blank line after it) with a note that the mail was {@code size} bytes. */
    private byte[] headersWithNote(byte[] raw, long size) {
        String text = new String(raw, 0, (int) Math.min(raw.length, 256 * 1024), StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            end = text.indexOf("\n\n");
        }
        String headers = end < 0 ? "" : text.substring(0, end);
        headers = headers.replaceAll("(?im)^(content-type|content-transfer-encoding):.*(\\r?\\n[ \\t].*)*\\r?\\n?", "");
        return (headers.strip() + "\r\nContent-Type: text/plain; charset=us-ascii\r\n\r\n[This mail was " + size
                + " bytes, larger than Earshot keeps (" + maxStored + " bytes): its body and attachments were not stored.]\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }
}
