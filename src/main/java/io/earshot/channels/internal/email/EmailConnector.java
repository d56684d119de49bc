package io.earshot.channels.internal.email;

import io.earshot.channels.AccountSettings;
import io.earshot.channels.Check;
import io.earshot.channels.Connector;
import io.earshot.channels.Setting;
import io.earshot.channels.SourceTask;
import io.earshot.conversation.ConversationQueries;
import io.earshot.ingest.ChannelTraits;
import io.earshot.ingest.OutboundConnector;
import io.earshot.platform.EarshotException;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The email kind of account: a mailbox heard over IMAP ({@link ImapTask}) and answered over SMTP ({@link SmtpOut}).
 * Email is private, has no length limit, and its handles are addresses (customers join across channels by them).
 */
@Component
class EmailConnector implements Connector {

    static final ChannelTraits TRAITS = new ChannelTraits("email", false, 0, true,
            List.of("In-Reply-To", "References", "subject and sender"));

    private static final List<Setting> SETTINGS = List.of(
            Setting.required("imapHost", "the IMAP server", "imap.example.com"),
            Setting.optional("imapPort", "the IMAP port (default 993 with ssl, else 143)", "993"),
            Setting.optional("imapSecurity", "ssl, starttls or none (default ssl)", "ssl"),
            Setting.required("smtpHost", "the SMTP server replies go out through", "smtp.example.com"),
            Setting.optional("smtpPort", "the SMTP port (default 465 with ssl, else 587)", "587"),
            Setting.optional("smtpSecurity", "ssl, starttls or none (default ssl)", "starttls"),
            Setting.optional("username", "the login for IMAP and SMTP (default: the address)", "support@example.com"),
            Setting.required("address", "the mailbox's own address: the From of replies", "support@example.com"),
            Setting.optional("folder", "the folder read (default INBOX)", "INBOX"),
            Setting.optional("sentFolder", "a folder the server files sent mail in, searched before a reply is sent again",
                    "Sent"),
            Setting.optional("pollEvery", "seconds between looks at the folder when the server has no IDLE (default 60)", "60"),
            Setting.optional("copySelf", "BCC every reply to the mailbox, so a reply whose sending timed out is found there "
                    + "and never sent twice (default true)", "true"),
            Setting.optional("timeout", "seconds to wait for the servers to connect or answer (default 30)", "30"),
            Setting.optional("readExisting", "true: read the mails already in the folder when the account is created; "
                    + "default false: only mails that arrive from then on", "false"),
            Setting.secret("password", true, "the password (or app password) for IMAP and SMTP"));

    private final MailReader reader = new MailReader();
    private final EmailOriginals originals;
    private final ObjectProvider<ConversationQueries> queries; // lazily: the queries need the channel traits, from us
    private final SmtpOut out;
    private final Clock clock;

    EmailConnector(EmailOriginals originals, ObjectProvider<ConversationQueries> queries, Clock clock) {
        this.originals = originals;
        this.queries = queries;
        this.clock = clock;
        this.out = new SmtpOut(clock);
    }

    @Override
    public String kind() {
        return "email";
    }

    @Override
    public ChannelTraits traits() {
        return TRAITS;
    }

    @Override
    public List<Setting> settings() {
        return SETTINGS;
    }

    @Override
    public void validate(AccountSettings account) {
        Mailbox m = Mailbox.of(account);
        if (m.address() == null || !m.address().matches("[^@\\s<>]+@[^@\\s<>]+")) {
            throw EarshotException.invalid("settings.address", "address must be an email address like support@example.com");
        }
    }

    @Override
    public Check check(AccountSettings account) {
        Mailbox m = Mailbox.of(account);
        String found;
        try (Store store = m.imap()) {
            Folder f = store.getFolder(m.folder());
            if (!f.exists()) {
                return Check.failed("IMAP accepted the login, but there is no folder '" + m.folder() + "'");
            }
            f.open(Folder.READ_ONLY);
            found = m.folder() + ": " + f.getMessageCount() + " messages";
            f.close(false);
        } catch (AuthenticationFailedException e) {
            return Check.failed("IMAP refused the login for " + m.username() + " (check the username and password)");
        } catch (Exception e) {
            return Check.failed("IMAP at " + m.imapHost() + ":" + m.imapPort() + ": " + describe(e));
        }
        try (Transport t = m.smtp()) {
            return Check.ok(found + "; SMTP accepted " + (m.password() == null ? "the connection" : "the login"));
        } catch (AuthenticationFailedException e) {
            return Check.failed(found + "; SMTP refused the login for " + m.username());
        } catch (Exception e) {
            return Check.failed(found + "; SMTP at " + m.smtpHost() + ":" + m.smtpPort() + ": " + describe(e));
        }
    }

    @Override
    public Optional<SourceTask> newTask(AccountSettings account) {
        return Optional.of(new ImapTask(reader, originals, ids -> queries.getObject().storedExternalIds("email", ids), clock));
    }

    @Override
    public String send(AccountSettings account, OutboundConnector.Outgoing outgoing) throws Exception {
        return out.send(Mailbox.of(account), account.name(), outgoing);
    }

    @Override
    public Optional<String> alreadyDelivered(AccountSettings account, OutboundConnector.Outgoing outgoing) throws Exception {
        return out.alreadyDelivered(Mailbox.of(account), outgoing);
    }

    /** An error in words, without a stack trace (and never with the password, which no mail error holds). */
    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.length() > 300 ? m.substring(0, 300) : m;
    }
}
