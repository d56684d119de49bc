/**
 * Follow-up's own workings, which no other feature uses: the {@link io.earshot.followup.internal.Promise}
 * aggregate and its repository, the timers, the reading of replies for promises, the SLA watch and the calendars.
 */
package io.earshot.followup.internal;
