package io.earshot.channels.internal.email;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.earshot.channels.AccountSettings;
import io.earshot.channels.Polled;
import io.earshot.channels.TcpProxy;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.util.unit.DataSize;

/**
 * The IMAP task against GreenMail, without Spring or a database: a mail over {@code earshot.email.max-stored-size}
 * (by its RFC822.SIZE) is read from its structure, its text fetched and its attachment never downloaded, and only
 * its headers are kept as the original; a mail under the cap is fetched and kept whole.
 */
class ImapTaskTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

    /** What the task kept as originals. */
    record Saved(String externalId, byte[] raw, long size, boolean whole) {
    }

    static final class Originals extends EmailOriginals {
        final List<Saved> saved = new ArrayList<>();

        Originals(DataSize max) {
            super(null, max);
        }

        @Override
        void save(long accountId, String externalId, byte[] raw, Instant received) {
            saved.add(new Saved(externalId, raw, raw.length, raw.length <= maxStored()));
        }

        @Override
        void saveHeaders(long accountId, String externalId, byte[] headers, long size, Instant received) {
            saved.add(new Saved(externalId, headers, size, false));
        }
    }

    @Test
    void aMailOverTheSizeCapIsReadFromItsStructureWithoutFetchingItsAttachment() throws Exception {
        GreenMailUser user = mail.setUser("big@desk.example", "big@desk.example", "pw");
        byte[] pdf = new byte[3 * 1024 * 1024];
        new Random(3).nextBytes(pdf);
        String html = "<html><body><p>Invoice <b>attached</b></p><script>alert(1)</script></body></html>";
        deliver(user, "From: Eve <eve@customer.example>\nTo: big@desk.example\nSubject: Invoice\nMessage-ID: <big1@customer.example>\n"
                + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"B1\"\n\n--B1\nContent-Type: text/html; charset=utf-8\n\n"
                + html + "\n--B1\nContent-Type: application/pdf; name=\"invoice.pdf\"\nContent-Disposition: attachment; "
                + "filename=\"invoice.pdf\"\nContent-Transfer-Encoding: base64\n\n" + Base64.getMimeEncoder().encodeToString(pdf)
                + "\n--B1--\n");
        deliver(user, "From: ann@customer.example\nTo: big@desk.example\nSubject: Small\nMessage-ID: <small1@customer.example>\n"
                + "Content-Type: text/plain; charset=utf-8\n\nA small one.\n");
        Originals originals = new Originals(DataSize.ofMegabytes(1));
        try (TcpProxy imap = new TcpProxy(mail.getImap().getPort())) {
            ImapTask task = new ImapTask(new MailReader(), originals, ids -> java.util.Set.of(), Clock.systemUTC());
            task.start(new AccountSettings(7, "email", "Support", Map.of("imapHost", "127.0.0.1", "imapPort",
                    Integer.toString(imap.port()), "imapSecurity", "none", "smtpHost", "127.0.0.1", "address", "big@desk.example",
                    "pollEvery", "1", "timeout", "10", "readExisting", "true"), Map.of("password", "pw")), null);
            try {
                assertThat(task.poll().position()).endsWith(":0");
                Polled polled = task.poll();
                assertThat(polled.messages()).hasSize(2);
                assertThat(polled.messages().get(0).externalId()).isEqualTo("big1@customer.example");
                assertThat(polled.messages().get(0).text()).isEqualTo("Invoice attached");
                assertThat(polled.messages().get(1).text()).isEqualTo("A small one.");
            } finally {
                task.stop();
            }
            assertThat(imap.fromServer()).as("the attachment was not fetched").isLessThan(100_000);
        }
        assertThat(originals.saved).hasSize(2);
        Saved big = originals.saved.get(0);
        assertThat(big.whole()).isFalse();
        assertThat(big.size()).as("the size the server gave").isGreaterThan(pdf.length);
        String kept = new String(big.raw(), StandardCharsets.ISO_8859_1);
        assertThat(kept).contains("Message-ID: <big1@customer.example>", "Subject: Invoice").doesNotContain("invoice.pdf");
        assertThat(originals.saved.get(1).whole()).isTrue();
        assertThat(new String(originals.saved.get(1).raw(), StandardCharsets.UTF_8)).contains("A small one.");
    }

    static void deliver(GreenMailUser user, String raw) throws Exception {
        user.deliver(new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));
    }
}
