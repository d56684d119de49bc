package io.earshot.conversation;

/** Computes a conversation's SLA deadlines. Follow-up provides it; it must be pure and safe to run twice. */
public interface DeadlinePlanner {

    Deadlines plan(DeadlineInput input);
}
