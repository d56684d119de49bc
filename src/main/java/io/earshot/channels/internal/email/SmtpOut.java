package io.earshot.channels.internal.email;

import io.earshot.ingest.OutboundConnector;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.MessageIDTerm;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Replies by SMTP, built with the Jakarta Mail API (every header value on one line: CR, LF and other control
 * characters are replaced, so no value can add a header). The Message-ID comes from the idempotency key
 * ({@link MessageIds#ours}); with {@code copySelf} the mailbox is BCC'd, so once the server has accepted a reply its
 * Message-ID is in the mailbox, and {@link #alreadyDelivered} finds it there (or in {@code sentFolder}) before an
 * attempt that did not finish is sent again. 5xx answers refuse the reply for good; 4xx answers, timeouts and
 * dropped connections are retried.
 */
final class SmtpOut {

    private final Clock clock;

    SmtpOut(Clock clock) {
        this.clock = clock;
    }

    String send(Mailbox box, String accountName, OutboundConnector.Outgoing o) throws Exception {
        String id = MessageIds.ours(o.idempotencyKey(), box.accountId(), box.address());
        MimeMessage msg = new MimeMessage(box.smtpSession()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", id);
            }
        };
        InternetAddress from = address(box.address(), "the account's address");
        try {
            from.setPersonal(MailReader.clean(accountName), "UTF-8");
        } catch (UnsupportedEncodingException e) {
            // the name is left out
        }
        msg.setFrom(from);
        msg.setRecipient(Message.RecipientType.TO, address(o.recipientHandle(), "the recipient"));
        if (box.copySelf()) {
            msg.setRecipient(Message.RecipientType.BCC, address(box.address(), "the account's address"));
        }
        msg.setSubject(subject(o.subject()), "UTF-8");
        String parent = MessageIds.header(o.inReplyToExternalId(), box.accountId(), box.address());
        if (parent != null) {
            msg.setHeader("In-Reply-To", MailReader.clean(parent));
        }
        List<String> refs = new ArrayList<>();
        for (String t : o.thread()) {
            String h = MessageIds.header(t, box.accountId(), box.address());
            if (h != null && !refs.contains(h)) {
                refs.add(h);
            }
        }
        if (parent != null && !refs.contains(parent)) {
            refs.add(parent);
        }
        if (!refs.isEmpty()) {
            msg.setHeader("References", MailReader.clean(String.join(" ", refs)));
        }
        msg.setText(o.text(), "UTF-8");
        msg.setSentDate(Date.from(clock.instant()));
        msg.saveChanges();
        try (Transport t = box.smtp()) {
            t.sendMessage(msg, msg.getAllRecipients());
        } catch (SendFailedException e) {
            throw classified(e);
        }
        return id;
    }

    /** A 5xx answer refuses the reply; a 4xx one is retried later (thrown as it is). */
    private static Exception classified(SendFailedException e) {
        int code = code(e);
        for (Exception next = e.getNextException(); code == 0 && next != null;
             next = next instanceof MessagingException me ? me.getNextException() : null) {
            code = next instanceof SendFailedException s ? code(s) : 0;
        }
        if (code >= 500) {
            return new OutboundConnector.Refused("the SMTP server refused the reply (" + code + "): " + EmailConnector.describe(e));
        }
        return new IllegalStateException("the SMTP server answered " + (code == 0 ? "with an error" : code)
                + ", to try again later: " + EmailConnector.describe(e), e);
    }

    private static int code(SendFailedException e) {
        if (e instanceof SMTPSendFailedException s) {
            return s.getReturnCode();
        }
        if (e instanceof SMTPAddressFailedException s) {
            return s.getReturnCode();
        }
        return 0;
    }

    Optional<String> alreadyDelivered(Mailbox box, OutboundConnector.Outgoing o) throws Exception {
        String id = MessageIds.ours(o.idempotencyKey(), box.accountId(), box.address());
        if (!box.copySelf() && box.sentFolder() == null) {
            return Optional.empty(); // nothing to look in: said in the copySelf setting
        }
        try (Store store = box.imap()) {
            for (String name : box.sentFolder() == null ? List.of(box.folder()) : List.of(box.folder(), box.sentFolder())) {
                Folder f = store.getFolder(name);
                if (!f.exists()) {
                    continue;
                }
                f.open(Folder.READ_ONLY);
                try {
                    if (f.search(new MessageIDTerm(id)).length > 0) {
                        return Optional.of(id);
                    }
                } finally {
                    f.close(false);
                }
            }
        }
        return Optional.empty();
    }

    static String subject(String subject) {
        String s = subject == null ? "" : MailReader.clean(subject);
        if (s.isEmpty()) {
            return "Re: your message";
        }
        return s.toLowerCase(Locale.ROOT).matches("^(re|aw|sv|antw)\\s*:.*") ? s : "Re: " + s;
    }

    private static InternetAddress address(String s, String what) throws OutboundConnector.Refused {
        try {
            return new InternetAddress(MailReader.clean(s), true);
        } catch (AddressException | NullPointerException e) {
            throw new OutboundConnector.Refused(what + " is not an email address: " + MailReader.clean(String.valueOf(s)));
        }
    }
}
