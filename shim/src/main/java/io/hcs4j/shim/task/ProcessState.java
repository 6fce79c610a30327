package io.hcs4j.shim.task;

import io.hcs4j.shim.api.types.Status;
import java.io.IOException;
import java.util.Locale;

/**
 * The state of one process of a task (the init process or an exec), shaped like containerd's runc shim
 * (process/init_state.go): each state is its own class and overrides only the operations it allows, so an
 * illegal transition cannot be written by accident; the base refuses every operation with FailedPrecondition
 * (NotFound for signalling a process that has finished, as containerd expects). Each state's contract is
 * written in its comment, as hcsshim's shimExecState does. Called only under the task's lock.
 *
 * <pre>
 * init:  Created ──start──▶ Running ⇄ Paused (pause/resume)
 *           │                 │        │
 *           └──kill──▶ Stopped ◀──exit─┘          exec: Created ──start──▶ Running ──exit──▶ Stopped
 * </pre>
 */
abstract sealed class ProcessState permits ProcessState.Created, ProcessState.Running, ProcessState.Stopped {
    static final ProcessState CREATED = new Created();
    static final ProcessState RUNNING = new Running();
    static final ProcessState PAUSED = new Paused();
    static final ProcessState STOPPED = new Stopped();

    /** What State reports. */
    abstract Status status();

    final String describe() {
        return status().name().toLowerCase(Locale.ROOT);
    }

    /** Runs the process. */
    void start(TaskProcess p) throws IOException {
        throw TaskException.precondition(p.describe() + " is already " + describe());
    }

    /** Sends {@code signal}; a process that never ran is stopped with 128 + signal. */
    void kill(TaskProcess p, int signal) throws IOException {
        throw TaskException.notFound(p.describe() + ": process already finished");
    }

    /** Sends {@code signal} if the process runs; returns whether it was delivered (Kill with all). */
    boolean signalIfRunning(TaskProcess p, int signal) throws IOException {
        return false;
    }

    /** Makes the process ready to be removed: what Delete returns is then final. */
    void delete(TaskProcess p) {
        throw TaskException.precondition("cannot delete " + p.describe() + ": it is " + describe());
    }

    /** Freezes the task (init process only). */
    void pause(TaskProcess init) throws IOException {
        throw TaskException.precondition("cannot pause " + init.describe() + ": it is " + describe());
    }

    /** Thaws the task (init process only). */
    void resume(TaskProcess init) throws IOException {
        throw TaskException.precondition("cannot resume " + init.describe() + ": it is not paused");
    }

    /** Whether the task takes new execs and starts them (init process only). */
    boolean runsExecs() {
        return false;
    }

    /** Resizes the terminal of a running process; elsewhere there is none to resize, and it is not an error (as hcsshim). */
    void resizeConsole(TaskProcess p, int width, int height) throws IOException {
    }

    /** Closes the upstream stdin once connected; safe to repeat, and not refused after exit (as hcsshim and runc). */
    void closeStdin(TaskProcess p) {
        if (p.io != null) {
            p.io.closeStdin();
        }
    }

    /** The process exited (or the connection to it was lost) with {@code code}. */
    void exited(TaskProcess p, int code) {
        throw new IllegalStateException(p.describe() + " cannot exit while " + describe());
    }

    /**
     * Defined but not running: no pid, no stdio yet. Start runs it; Kill stops it without running it (exit
     * status 128 + signal, with its exit event); Delete stops it quietly (status 0); resize and CloseIO have
     * nothing to act on yet. Refuses pause, resume, exec.
     */
    static final class Created extends ProcessState {
        @Override
        Status status() {
            return Status.CREATED;
        }

        @Override
        void start(TaskProcess p) throws IOException {
            p.launch();
            p.state = RUNNING;
            p.watchExit();
        }

        @Override
        void kill(TaskProcess p, int signal) {
            p.recordExit(128 + signal);
            p.state = STOPPED;
        }

        @Override
        void delete(TaskProcess p) {
            p.recordDeletedBeforeStart();
            p.state = STOPPED;
        }

    }

    /**
     * Started: it has a pid and connected stdio, and its exit is being watched. Kill signals it; resize and
     * CloseIO reach it; the exit watcher stops it. An init process in this state can be paused and takes
     * execs. Refuses start, delete, resume.
     */
    static sealed class Running extends ProcessState permits Paused {
        @Override
        Status status() {
            return Status.RUNNING;
        }

        @Override
        void kill(TaskProcess p, int signal) throws IOException {
            if (!p.signal(signal)) {
                super.kill(p, signal);
            }
        }

        @Override
        boolean signalIfRunning(TaskProcess p, int signal) throws IOException {
            return p.signal(signal);
        }

        @Override
        void pause(TaskProcess init) throws IOException {
            init.task.container.pause();
            init.state = PAUSED;
        }

        @Override
        boolean runsExecs() {
            return true;
        }

        @Override
        void resizeConsole(TaskProcess p, int width, int height) throws IOException {
            p.process.resizeConsole(width, height);
        }

        @Override
        void exited(TaskProcess p, int code) {
            p.recordExit(code);
            p.state = STOPPED;
        }
    }

    /**
     * The task's init process while its container (for LCOW its utility VM) is frozen; its execs stay
     * Running and report PAUSED. Resume thaws it; everything Running allows still holds (kill, execs,
     * resize, CloseIO, exit) except pausing again. Refuses start, delete, pause.
     */
    static final class Paused extends Running {
        @Override
        Status status() {
            return Status.PAUSED;
        }

        @Override
        void pause(TaskProcess init) {
            throw TaskException.precondition("cannot pause " + init.describe() + ": it is " + describe());
        }

        @Override
        void resume(TaskProcess init) throws IOException {
            init.task.container.resume();
            init.state = RUNNING;
        }
    }

    /**
     * Exited, or killed before it ran: exit status and time are recorded and Wait has returned. Delete
     * removes it. Kill is NotFound (process already finished); start, pause, resume and exec are
     * refused; resize does nothing and CloseIO closes what may still be open.
     */
    static final class Stopped extends ProcessState {
        @Override
        Status status() {
            return Status.STOPPED;
        }

        @Override
        void delete(TaskProcess p) {
            // what Delete reports was recorded at the exit
        }
    }
}
