package io.earshot.channels.internal.email;

import io.earshot.channels.AccountSettings;
import io.earshot.channels.Polled;
import io.earshot.channels.SourceTask;
import io.earshot.ingest.IncomingMessage;
import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.FolderClosedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears one mailbox folder over IMAP. The position is {@code UIDVALIDITY:lastUID}; each poll fetches up to
 * {@value #BATCH} mails with a greater UID, and the runtime commits the position with the messages. A new UIDVALIDITY
 * (the folder was recreated) reads the folder again from the start: the external ids are Message-IDs (or a hash of
 * the bytes), so what was stored is not stored again. With nothing new the task waits in IMAP IDLE where the server
 * offers it (woken at least every {@code pollEvery} and by {@link #stop()}), else sleeps {@code pollEvery}. A
 * connection that drops throws out of {@link #poll()}; the runtime starts a new task from the committed position.
 * Each mail's RFC822.SIZE is fetched with its UID: one over {@code earshot.email.max-stored-size} is never fetched
 * whole, only its headers and text parts.
 */
final class ImapTask implements SourceTask {

    private static final Logger log = LoggerFactory.getLogger(ImapTask.class);
    static final int BATCH = 50;

    private final MailReader reader;
    private final EmailOriginals originals;
    private final KnownMessages known;
    private final Clock clock;
    private final Object sleeper = new Object();
    private volatile boolean stopping;
    private volatile Store store;
    private volatile Folder folder;
    private volatile ScheduledExecutorService waker;
    private Mailbox mailbox;
    private long validity = -1;
    private long lastUid = -1;

    /** Which of some external ids are stored already (on the email channel). */
    interface KnownMessages {
        Set<String> known(List<String> externalIds);
    }

    ImapTask(MailReader reader, EmailOriginals originals, KnownMessages known, Clock clock) {
        this.reader = reader;
        this.originals = originals;
        this.known = known;
        this.clock = clock;
    }

    @Override
    public void start(AccountSettings account, String position) throws Exception {
        mailbox = Mailbox.of(account);
        if (position != null && position.matches("\\d+:\\d+")) {
            String[] p = position.split(":");
            validity = Long.parseLong(p[0]);
            lastUid = Long.parseLong(p[1]);
        }
        store = mailbox.imap();
        Folder f = store.getFolder(mailbox.folder());
        f.open(Folder.READ_ONLY);
        folder = f;
        if (((IMAPStore) store).hasCapability("IDLE")) {
            waker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "earshot-imap-wake-" + account.id());
                t.setDaemon(true);
                return t;
            });
        }
    }

    @Override
    public Polled poll() throws Exception {
        Folder f = folder;
        if (stopping || f == null) {
            return Polled.nothing();
        }
        if (!f.isOpen()) {
            throw new IllegalStateException("the IMAP connection to " + mailbox.imapHost() + " was closed");
        }
        UIDFolder uids = (UIDFolder) f;
        long now = uids.getUIDValidity();
        if (lastUid < 0) {
            validity = now;
            lastUid = mailbox.readExisting() ? 0 : Math.max(0, ((IMAPFolder) f).getUIDNext() - 1);
            log.info("account {}: reading {} from UID {} on", mailbox.accountId(), mailbox.folder(), lastUid + 1);
            return Polled.of(List.of(), position());
        }
        boolean resync = now != validity;
        if (resync) {
            log.info("account {}: {} has a new UIDVALIDITY ({} was {}); reading it again, mails stored before are not stored twice",
                    mailbox.accountId(), mailbox.folder(), now, validity);
            validity = now;
            lastUid = 0;
        }
        Message[] found = uids.getMessagesByUID(lastUid + 1, UIDFolder.MAXUID);
        FetchProfile fp = new FetchProfile();
        fp.add(UIDFolder.FetchProfileItem.UID);
        fp.add(FetchProfile.Item.SIZE); // RFC822.SIZE: a mail over the size cap is not fetched whole
        f.fetch(found, fp);
        List<Message> fresh = new ArrayList<>(Arrays.stream(found).filter(m -> uid(uids, m) > lastUid)
                .sorted(Comparator.comparingLong(m -> uid(uids, m))).toList());
        if (fresh.isEmpty()) {
            if (resync) {
                return Polled.of(List.of(), position());
            }
            await(f);
            return Polled.nothing();
        }
        List<Message> batch = fresh.subList(0, Math.min(BATCH, fresh.size()));
        List<MailReader.Mail> mails = new ArrayList<>();
        for (Message m : batch) {
            long uid = uid(uids, m);
            MailReader.Mail mail = read(m, uid);
            if (mail != null) {
                mails.add(mail);
            }
            lastUid = uid;
        }
        return new Polled(messages(mails), position(), fresh.size() - batch.size(), null);
    }

    /**
     * One mail read, its original kept; null when it is not a customer's mail (logged with the reason). A mail whose
     * RFC822.SIZE is over {@code earshot.email.max-stored-size} is never fetched whole (nor held in memory): its headers
     * and text parts are fetched from its structure, and only its headers are kept as the original.
     */
    private MailReader.Mail read(Message m, long uid) throws MessagingException, IOException {
        long size = m.getSize();
        boolean large = size > originals.maxStored();
        byte[] raw;
        if (large) {
            log.warn("account {}: mail UID {} in {} is {} bytes, over earshot.email.max-stored-size ({} bytes): only its "
                    + "headers and text are fetched and kept, its attachments are not", mailbox.accountId(), uid,
                    mailbox.folder(), size, originals.maxStored());
            raw = headers(m);
        } else {
            ByteArrayOutputStream out = new ByteArrayOutputStream(size > 0 ? (int) Math.min(size + 64, 1 << 30) : 8192);
            m.writeTo(out); // a dropped connection throws here: nothing of this batch is stored, the next task fetches it again
            raw = out.toByteArray();
        }
        Instant received = received(m);
        MailReader.Mail mail;
        try {
            mail = large ? reader.readStructure((MimeMessage) m, raw, mailbox.accountId(), received)
                    : reader.read(raw, mailbox.accountId(), received);
        } catch (MessagingException | RuntimeException e) {
            connected(m, uid);
            log.warn("account {}: mail UID {} in {} skipped: it cannot be read as a mail ({})", mailbox.accountId(), uid,
                    mailbox.folder(), e.toString());
            return null;
        }
        connected(m, uid); // a part fetched from the server may have failed on a dropped connection: not stored half-read
        if (mail.kind() != MailReader.Kind.CUSTOMER) {
            log.info("account {}: mail UID {} ({}) is not a customer's message: {}", mailbox.accountId(), uid, mail.externalId(),
                    mail.reason());
            return null;
        }
        if (mail.from() == null) {
            log.warn("account {}: mail UID {} ({}) skipped: it has no From address", mailbox.accountId(), uid, mail.externalId());
            return null;
        }
        if (large) {
            originals.saveHeaders(mailbox.accountId(), mail.externalId(), raw, size, received);
        } else {
            originals.save(mailbox.accountId(), mail.externalId(), raw, received);
        }
        return mail;
    }

    /** The header block of {@code m} as the server has it, with the blank line that ends it. */
    private static byte[] headers(Message m) throws MessagingException {
        StringBuilder b = new StringBuilder();
        Enumeration<String> lines = ((MimeMessage) m).getAllHeaderLines();
        while (lines.hasMoreElements()) {
            b.append(lines.nextElement()).append("\r\n");
        }
        return b.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Throws when the folder was closed (the connection dropped) while mail {@code uid} was read. */
    private void connected(Message m, long uid) throws FolderClosedException {
        Folder f = m.getFolder();
        if (f != null && !f.isOpen()) {
            throw new FolderClosedException(f, "the IMAP connection to " + mailbox.imapHost() + " was closed while mail UID "
                    + uid + " was read");
        }
    }

    private List<IncomingMessage> messages(List<MailReader.Mail> mails) {
        List<String> parents = mails.stream().flatMap(m -> m.parents().stream()).distinct().toList();
        Set<String> stored = new HashSet<>(parents.isEmpty() ? Set.of() : known.known(parents));
        List<IncomingMessage> out = new ArrayList<>();
        for (MailReader.Mail m : mails) {
            String parent = m.parents().stream().filter(stored::contains).findFirst()
                    .orElse(m.parents().isEmpty() ? null : m.parents().get(0));
            out.add(new IncomingMessage("email", m.externalId(), true,
                    new IncomingMessage.Author(m.from(), m.name(), m.from(), null, null), m.text(), m.date(), parent, true, null,
                    mailbox.accountId(), m.replyTo(), m.subject()));
            stored.add(m.externalId());
        }
        return out;
    }

    private String position() {
        return validity + ":" + lastUid;
    }

    private Instant received(Message m) {
        try {
            java.util.Date d = m.getReceivedDate();
            return d == null ? clock.instant() : d.toInstant();
        } catch (MessagingException e) {
            return clock.instant();
        }
    }

    private static long uid(UIDFolder folder, Message m) {
        try {
            return folder.getUID(m);
        } catch (MessagingException e) {
            throw new IllegalStateException("the server gave no UID: " + e.getMessage(), e);
        }
    }

    /** Waits for news: IDLE (woken after a while, so the read timeout never strikes and a stop is seen), else a sleep. */
    private void await(Folder f) throws MessagingException, InterruptedException {
        long seconds = Math.max(1, Math.min(mailbox.pollEverySeconds(), mailbox.timeoutSeconds() / 2));
        ScheduledExecutorService w = waker;
        if (w != null && f instanceof IMAPFolder imap) {
            var wake = w.schedule(() -> {
                try {
                    imap.getMessageCount(); // any command on the folder ends the IDLE
                } catch (MessagingException | RuntimeException e) {
                    log.debug("waking IDLE: {}", e.getMessage());
                }
            }, seconds, TimeUnit.SECONDS);
            try {
                imap.idle(true);
            } finally {
                wake.cancel(false);
            }
            return;
        }
        synchronized (sleeper) {
            if (!stopping) {
                sleeper.wait(mailbox.pollEverySeconds() * 1000L);
            }
        }
    }

    @Override
    public void stop() {
        stopping = true;
        synchronized (sleeper) {
            sleeper.notifyAll();
        }
        ScheduledExecutorService w = waker;
        if (w != null) {
            w.shutdownNow();
        }
        Store s = store;
        store = null;
        folder = null;
        if (s != null) {
            try {
                s.close(); // ends an IDLE in progress
            } catch (MessagingException | RuntimeException e) {
                log.debug("closing IMAP: {}", e.getMessage());
            }
        }
    }
}
