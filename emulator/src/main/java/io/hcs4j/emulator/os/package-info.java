/**
 * The emulator's process plumbing on Linux: process trees as sessions (its stand-in for job objects) and
 * pseudo-terminals for emulated consoles, over the platform's libc binding.
 */
package io.hcs4j.emulator.os;
