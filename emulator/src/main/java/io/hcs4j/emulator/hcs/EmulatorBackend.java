package io.hcs4j.emulator.hcs;

import com.sun.jna.Pointer;
import io.hcs4j.hcs.raw.ComputeCore;
import io.hcs4j.hcs.raw.VmCompute;
import io.hcs4j.hcs.spi.HcsBackend;
import io.hcs4j.platform.posix.Posix;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The emulator as an {@link HcsBackend}: its raw interfaces, its heap as LocalFree/CoTaskMemFree, and stdio handles
 * that are real pipe file descriptors.
 */
final class EmulatorBackend implements HcsBackend {
    private final Emulator emulator;
    private final EmulatedComputeCore computeCore;
    private final EmulatedVmCompute vmCompute;

    EmulatorBackend(Emulator emulator) {
        this.emulator = emulator;
        this.computeCore = new EmulatedComputeCore(emulator);
        this.vmCompute = new EmulatedVmCompute(emulator);
    }

    @Override
    public String name() {
        return "emulator";
    }

    @Override
    public ComputeCore computeCore() {
        return computeCore;
    }

    @Override
    public VmCompute vmCompute() {
        return vmCompute;
    }

    @Override
    public void localFree(Pointer p) {
        emulator.heap().free(p, NativeHeap.Allocator.LOCAL);
    }

    @Override
    public void coTaskMemFree(Pointer p) {
        emulator.heap().free(p, NativeHeap.Allocator.CO_TASK_MEM);
    }

    @Override
    public InputStream openReader(Pointer handle) {
        return Channels.newInputStream(reopen(handle, StandardOpenOption.READ));
    }

    @Override
    public OutputStream openWriter(Pointer handle) {
        return Channels.newOutputStream(reopen(handle, StandardOpenOption.WRITE));
    }

    @Override
    public void closeHandle(Pointer handle) {
        Posix.close((int) Pointer.nativeValue(handle));
    }

    /**
     * Re-opens the pipe behind a descriptor as a FileChannel and closes the descriptor: unlike a raw descriptor, a
     * FileChannel can be closed safely while another thread is blocked reading it.
     */
    private static FileChannel reopen(Pointer handle, StandardOpenOption mode) {
        int fd = (int) Pointer.nativeValue(handle);
        try {
            return FileChannel.open(Path.of("/proc/self/fd/" + fd), mode);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            Posix.close(fd);
        }
    }
}
