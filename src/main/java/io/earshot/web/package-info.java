/** Web: the agent desk in the browser. */
package io.earshot.web;
