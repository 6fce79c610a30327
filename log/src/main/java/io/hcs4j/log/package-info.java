/**
 * The logging backend of hcs4j's programs (the shim, runhcs, the emulated guest agent): an SLF4J provider whose
 * one process-wide level can change while the program runs (shimdiag's {@code loglevel}), writing slf4j-simple's
 * line format to stderr or a file, with nothing loaded at start beyond a few classes.
 */
package io.hcs4j.log;
