/** The incidents feature's own parts (its rows, similarity, the paced sender, the sweep): for its base package only. */
package io.earshot.incidents.internal;
