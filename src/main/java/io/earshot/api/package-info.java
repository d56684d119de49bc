/** API: the public JSON API v1 under /api/v1, its error shape and its documentation. */
package io.earshot.api;
