/** Listening: topics, their volume and sentiment series, and spike detection. */
package io.earshot.listening;
