/** Classify: attaches signals (language, sentiment, intent) to every inbound message with a compact trained model. */
package io.earshot.classify;
