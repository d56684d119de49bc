package io.earshot.alerting.internal;

import io.earshot.alerting.Alert;

/** An alert was raised (published inside the transaction that stored it). */
public record AlertRaised(Alert alert) {
}
