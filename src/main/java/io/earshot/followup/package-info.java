/** Follow-up: SLA timers, commitments and silence, so that every promise is kept or seen broken. */
package io.earshot.followup;
