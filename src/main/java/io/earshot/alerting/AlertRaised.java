package io.earshot.alerting;

/** An alert was raised (published inside the transaction that stored it). */
public record AlertRaised(Alert alert) {
}
