/**
 * The container-or-VM abstraction everything above HCS works with (hcsshim's internal/cow): {@link
 * io.hcs4j.cow.Container}, {@link io.hcs4j.cow.ProcessHost} and {@link io.hcs4j.cow.Process}, and the signals a
 * process takes ({@link io.hcs4j.cow.SignalOptions}, including the Linux-signal to Windows-console-event mapping).
 */
package io.hcs4j.cow;
