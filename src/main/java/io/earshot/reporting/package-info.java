/** Reporting: response-time, resolution and throughput figures computed in SQL. */
package io.earshot.reporting;
