/** Alerting: alerts and signed webhook deliveries. */
package io.earshot.alerting;
