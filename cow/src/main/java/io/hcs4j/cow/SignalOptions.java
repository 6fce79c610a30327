package io.hcs4j.cow;

import io.hcs4j.schema.guest.SignalValueWCOW;

/**
 * A signal for {@link Process#signal}: a Linux signal number, a Windows console control event, or the host's
 * SIGKILL equivalent ({@link Kill}, what {@link Process#kill()} sends).
 */
public sealed interface SignalOptions {
    /** A Linux signal by number (15 is SIGTERM, 9 SIGKILL). */
    record Linux(int signal) implements SignalOptions {
        public Linux {
            if (signal < 1 || signal > 64) {
                throw new IllegalArgumentException("not a Linux signal number: " + signal);
            }
        }
    }

    /** A Windows console control event (CtrlC, CtrlBreak, CtrlClose, CtrlLogOff, CtrlShutdown). */
    record Windows(SignalValueWCOW signal) implements SignalOptions {
        public Windows {
            if (signal == null) {
                throw new IllegalArgumentException("no Windows signal given");
            }
        }
    }

    /** SIGKILL or the host's equivalent: the process is ended as by {@link Process#kill()}. */
    record Kill() implements SignalOptions {
    }

    int SIGHUP = 1;
    int SIGINT = 2;
    int SIGKILL = 9;
    int SIGTERM = 15;

    /**
     * The options that deliver Linux signal {@code signal} to a process on {@code os} ({@code "linux"} or
     * {@code "windows"}, as {@link ProcessHost#os()} says). A Linux process takes the number as is. A Windows
     * process has no signals: KILL ends it, INT becomes CtrlC, TERM CtrlShutdown and HUP CtrlClose, as runhcs
     * maps them; any other signal throws {@link UnsupportedOperationException}.
     */
    static SignalOptions of(int signal, String os) {
        if (!os.equals("windows")) {
            return linux(signal);
        }
        return switch (signal) {
            case SIGKILL -> new Kill();
            case SIGINT -> windows(SignalValueWCOW.CTRL_C);
            case SIGTERM -> windows(SignalValueWCOW.CTRL_SHUTDOWN);
            case SIGHUP -> windows(SignalValueWCOW.CTRL_CLOSE);
            default -> throw new UnsupportedOperationException("signal " + signal
                    + " has no Windows equivalent (use KILL, TERM, INT or HUP)");
        };
    }

    static SignalOptions linux(int signal) {
        return new Linux(signal);
    }

    static SignalOptions windows(SignalValueWCOW signal) {
        return new Windows(signal);
    }
}
