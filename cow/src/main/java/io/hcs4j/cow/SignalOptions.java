package io.hcs4j.cow;

import io.hcs4j.schema.guest.SignalValueWCOW;

/** A signal for {@link Process#signal}: a Linux signal number, or a Windows console control event. */
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

    static SignalOptions linux(int signal) {
        return new Linux(signal);
    }

    static SignalOptions windows(SignalValueWCOW signal) {
        return new Windows(signal);
    }
}
