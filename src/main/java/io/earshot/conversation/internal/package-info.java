/** The conversation feature's own parts (the aggregate, its rows, threading, the outbox): public for the feature's base package only; no other feature may use them. */
package io.earshot.conversation.internal;
