package io.earshot.channels;

import io.earshot.channels.internal.AccountRows;
import io.earshot.conversation.Intake;
import io.earshot.conversation.IntakeResult;
import io.earshot.ingest.IncomingMessage;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The path pushed messages take (a signed webhook, a chat visitor): the same as a polled source's, stored on their
 * account with whatever must commit with them (a delivery id seen, a chat line) in one transaction.
 */
@Service
public class AccountInbox {

    private final Intake intake;
    private final AccountRows rows;
    private final Clock clock;

    AccountInbox(Intake intake, AccountRows rows, Clock clock) {
        this.intake = intake;
        this.rows = rows;
        this.clock = clock;
    }

    /** Stores {@code messages} as heard on account {@code accountId}, running {@code alsoInTransaction} with them. */
    public List<IntakeResult> accept(long accountId, List<IncomingMessage> messages, Runnable alsoInTransaction) {
        List<IncomingMessage> on = messages.stream().map(m -> m.onAccount(accountId)).toList();
        List<IntakeResult> results = intake.accept(on, alsoInTransaction);
        rows.succeeded(accountId, clock.millis(), 0, null);
        return results;
    }
}
