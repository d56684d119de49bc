/** Command line: replay a file through the real pipeline, classify texts from stdin. */
package io.earshot.cli;
