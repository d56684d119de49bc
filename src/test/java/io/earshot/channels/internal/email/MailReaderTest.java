package io.earshot.channels.internal.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.earshot.ingest.OutboundConnector;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How one raw mail is read: text, trimming, HTML, kinds, threading keys and malformed input; no server, no database. */
class MailReaderTest {

    static final Instant RECEIVED = Instant.parse("2026-03-01T10:00:00Z");
    final MailReader reader = new MailReader();

    MailReader.Mail read(String raw, long account) throws Exception {
        return reader.read(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8), account, RECEIVED);
    }

    static String mail(String headers, String body) {
        return "From: Ann Lee <Ann@Customer.example>\nTo: support@desk.example\nSubject: My order\n"
                + "Date: Sun, 1 Mar 2026 09:00:00 +0000\nMessage-ID: <abc@customer.example>\n" + headers
                + "Content-Type: text/plain; charset=utf-8\n\n" + body;
    }

    @Test
    void quotedHistoryAndSignatureAreTrimmedFromTheText() throws Exception {
        assertThat(read(mail("", "Still broken.\n\nOn Sat, 28 Feb 2026 at 10:00, Support <support@desk.example> wrote:\n"
                + "> Try again\n> please\n"), 1).text()).isEqualTo("Still broken.");
        assertThat(read(mail("", "Long client\nOn Sat, 28 Feb 2026 at 10:00, Support <support@desk.example>\nwrote:\n> x\n"), 1)
                .text()).isEqualTo("Long client");
        assertThat(read(mail("", "See below\n-----Original Message-----\nFrom: x\nold text\n"), 1).text()).isEqualTo("See below");
        assertThat(read(mail("", "Outlook here\n\nFrom: Support <support@desk.example>\nSent: Monday, March 2\nTo: Ann\n"
                + "Subject: RE\n\nold\n"), 1).text()).isEqualTo("Outlook here");
        assertThat(read(mail("", "Thanks\n-- \nAnn Lee\nCEO, Customer Inc.\n"), 1).text()).isEqualTo("Thanks");
        assertThat(read(mail("", "> only a quote\n"), 1).text()).as("all quote: kept whole").isEqualTo("> only a quote");
    }

    @Test
    void hostileHtmlBecomesPlainTextWithoutMarkupScriptsOrStyles() throws Exception {
        String html = "<html><head><style>body{background:url(javascript:evil())}</style><script>alert('x')</script></head>"
                + "<body onload=\"steal()\"><p>Hello <b>there</b></p><p><a href=\"javascript:alert(1)\">click me</a> and "
                + "<a href=\"https://shop.example/o/1\">my order</a></p><img src=x onerror=\"alert(2)\"><iframe src=\"https://x\">"
                + "frame text</iframe><div style=\"display:none\">ok</div></body></html>";
        MailReader.Mail m = read("From: a@b.example\nSubject: hi\nMessage-ID: <h@b.example>\nMIME-Version: 1.0\n"
                + "Content-Type: text/html; charset=utf-8\n\n" + html, 1);
        assertThat(m.text()).contains("Hello there", "click me", "my order (https://shop.example/o/1)")
                .doesNotContain("<", ">", "alert", "javascript", "steal", "background", "onerror", "frame text");
    }

    @Test
    void plainTextIsPreferredToHtml() throws Exception {
        MailReader.Mail m = read("From: a@b.example\nMessage-ID: <p@b.example>\nMIME-Version: 1.0\n"
                + "Content-Type: multipart/alternative; boundary=XX\n\n--XX\nContent-Type: text/html\n\n<p>html version</p>\n"
                + "--XX\nContent-Type: text/plain\n\nplain version\n--XX--\n", 1);
        assertThat(m.text()).isEqualTo("plain version");
    }

    @Test
    void autoRepliesBouncesAndOurOwnCopiesAreRecognised() throws Exception {
        assertThat(read(mail("Auto-Submitted: auto-replied\n", "I am away"), 1).kind()).isEqualTo(MailReader.Kind.AUTO_REPLY);
        assertThat(read(mail("Auto-Submitted: no\n", "a person"), 1).kind()).isEqualTo(MailReader.Kind.CUSTOMER);
        assertThat(read(mail("X-Autoreply: yes\n", "away"), 1).kind()).isEqualTo(MailReader.Kind.AUTO_REPLY);
        assertThat(read(mail("Precedence: bulk\n", "news"), 1).kind()).isEqualTo(MailReader.Kind.AUTO_REPLY);
        assertThat(read("From: MAILER-DAEMON@mx.example\nMessage-ID: <b1@mx.example>\nSubject: Undelivered\n\nfailed", 1).kind())
                .isEqualTo(MailReader.Kind.BOUNCE);
        assertThat(read("From: x@mx.example\nMessage-ID: <b2@mx.example>\nMIME-Version: 1.0\nContent-Type: multipart/report; "
                + "report-type=delivery-status; boundary=B\n\n--B\nContent-Type: text/plain\n\nfailed\n--B--\n", 1).kind())
                .isEqualTo(MailReader.Kind.BOUNCE);
        String own = "From: support@desk.example\nMessage-ID: " + MessageIds.ours("earshot-42", 7, "support@desk.example")
                + "\n\nour reply";
        assertThat(read(own, 7).kind()).isEqualTo(MailReader.Kind.OWN);
        assertThat(read(own, 8).externalId()).as("another account's reply: stored as that reply").isEqualTo("earshot-42");
    }

    @Test
    void authorReplyToSubjectDateAndThreadingKeys() throws Exception {
        MailReader.Mail m = read(mail("Reply-To: billing@customer.example\nIn-Reply-To: <parent@customer.example>\n"
                + "References: <first@customer.example>\n <" + MessageIds.ours("earshot-9", 7, "support@desk.example")
                .replaceAll("[<>]", "") + "> <parent@customer.example>\n", "hello"), 7);
        assertThat(m.from()).isEqualTo("ann@customer.example");
        assertThat(m.name()).isEqualTo("Ann Lee");
        assertThat(m.replyTo()).isEqualTo("billing@customer.example");
        assertThat(m.subject()).isEqualTo("My order");
        assertThat(m.date()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(m.externalId()).isEqualTo("abc@customer.example");
        assertThat(m.parents()).containsExactly("parent@customer.example", "earshot-9", "first@customer.example");
    }

    @Test
    void malformedMailIsReadAsFarAsPossible() throws Exception {
        MailReader.Mail m = read("From: broken@customer.example\nDate: yesterday-ish\nSubject: =?bogus?Q?x?=\n"
                + "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"never\"\n\n--not-the-boundary\n"
                + "Content-Type: text/plain; charset=no-such-charset\n\nsome text\n", 1);
        assertThat(m.from()).isEqualTo("broken@customer.example");
        assertThat(m.date()).as("unreadable date: the received time").isEqualTo(RECEIVED);
        assertThat(m.externalId()).as("no Message-ID: a hash of the bytes").startsWith("sha256:");
        assertThat(m.text()).isNotBlank();
        assertThat(read("From: f@x.example\nDate: Mon, 1 Jan 2099 00:00:00 +0000\nMessage-ID: <f@x>\n\nx", 1).date())
                .as("a date in the future: the received time").isEqualTo(RECEIVED);
    }

    @Test
    void aTenMegabyteAttachmentIsListedAndReadBackWhole() throws Exception {
        byte[] pdf = new byte[10 * 1024 * 1024];
        new java.util.Random(7).nextBytes(pdf);
        String raw = "From: a@b.example\nMessage-ID: <big@b.example>\nMIME-Version: 1.0\nContent-Type: multipart/mixed; "
                + "boundary=B\n\n--B\nContent-Type: text/plain\n\nsee attached\n--B\nContent-Type: application/pdf\n"
                + "Content-Disposition: attachment; filename=\"big.pdf\"\nContent-Transfer-Encoding: base64\n\n"
                + java.util.Base64.getMimeEncoder().encodeToString(pdf).replace("\r\n", "\n") + "\n--B--\n";
        byte[] bytes = raw.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
        MailReader.Mail m = reader.read(bytes, 1, RECEIVED);
        assertThat(m.text()).isEqualTo("see attached");
        MailParts parts = new MailParts();
        assertThat(parts.list(bytes)).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("big.pdf");
            assertThat(a.size()).isEqualTo(pdf.length);
        });
        assertThat(parts.file(bytes, 0).orElseThrow().bytes()).isEqualTo(pdf);
        assertThat(parts.file(bytes, 1)).isEmpty();
    }

    @Test
    void replyHeadersCannotBeInjectedAndSubjectsGetOneRe() {
        assertThat(SmtpOut.subject("Re: My order")).isEqualTo("Re: My order");
        assertThat(SmtpOut.subject("My order")).isEqualTo("Re: My order");
        assertThat(SmtpOut.subject(null)).isEqualTo("Re: your message");
        assertThat(SmtpOut.subject("x\r\nBcc: victim@example.com")).doesNotContain("\r", "\n");
        assertThat(MessageIds.header("a@b\r\nBcc: v@x", 1, "s@d.example")).doesNotContain("\r", "\n");
        OutboundConnector.Outgoing o = new OutboundConnector.Outgoing("earshot-1", 1, 7L, "email", null, "a@b.example", "t",
                true, "s", List.of(), 1);
        assertThat(MessageIds.ours(o.idempotencyKey(), 7, "support@desk.example")).isEqualTo("<earshot-1.7@desk.example>");
    }
}
