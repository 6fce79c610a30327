/**
 * Windows, written against the documented Win32 ABI and checked here by header and layout tests: kernel32
 * handles and overlapped named pipes ({@link io.hcs4j.platform.windows.PipeApi},
 * {@link io.hcs4j.platform.windows.NamedPipeConnection}), and Winsock with AF_HYPERV addresses
 * ({@link io.hcs4j.platform.windows.Winsock}, {@link io.hcs4j.platform.windows.SockaddrHv},
 * {@link io.hcs4j.platform.windows.WinsockConnection}), and virtdisk.dll for creating VHDX files
 * ({@link io.hcs4j.platform.windows.VirtDisk}). Listening and dialling policy stays with the transports
 * that use them (the shim's ttrpc transport, uvm's hvsocket transport).
 */
package io.hcs4j.platform.windows;
