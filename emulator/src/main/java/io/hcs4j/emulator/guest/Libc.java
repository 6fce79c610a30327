package io.hcs4j.emulator.guest;

import com.sun.jna.Library;
import com.sun.jna.Native;

/** The libc calls the guest needs that Java lacks: arbitrary signals, the effective uid. (Pseudo-terminals: os.Pty.) */
interface Libc extends Library {
    Libc INSTANCE = Native.load("c", Libc.class);

    int kill(int pid, int signal);

    int geteuid();
}
