package io.earshot.channels;

/**
 * One running source of an account, in the shape of Kafka Connect's {@code SourceTask}: started with its account's
 * settings and the position stored for it, polled by the runtime on its own thread, stopped from another thread.
 * <p>
 * {@link #poll()} may block for a while (an IMAP IDLE) but must return soon after {@link #stop()}. The runtime stores
 * what a poll returns and its position in one transaction, so a task never needs to remember what it handed over: after
 * a restart it is started again with the last committed position. A poll that throws stops the task; the runtime starts
 * a new one with backoff and shows the error on the account's health.
 */
public interface SourceTask {

    /** Opens what the task needs (a connection, a cursor) from {@code position} (null: from now on, or the start). */
    void start(AccountSettings account, String position) throws Exception;

    /** The next messages and the position after them; {@link Polled#nothing()} when none came. */
    Polled poll() throws Exception;

    /** Releases what the task holds; called once, from any thread, also while {@link #poll()} blocks. */
    void stop();
}
