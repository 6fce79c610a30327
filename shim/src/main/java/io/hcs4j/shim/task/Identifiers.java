package io.hcs4j.shim.task;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * What the Task service accepts as ids and paths, checked before anything runs: a task or exec id names
 * directories, cgroups, compute systems and mount options, so it must follow containerd's identifier rule
 * (identifiers.Validate in containerd 1.6/1.7: letters and digits in runs joined by one '.', '_' or '-', at most 76
 * characters), which containerd itself applies to the ids it hands the shim; a bundle must be an absolute path.
 * Anything else is InvalidArgument with the offending value, printed safely.
 */
final class Identifiers {
    static final int MAX_LENGTH = 76;
    static final String RULE = "^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$";
    private static final Pattern VALID = Pattern.compile(RULE);

    private Identifiers() {
    }

    /** {@code id} when it is a valid identifier; {@code what} names it in the error ("task id", "exec id"). */
    static String validate(String what, String id) {
        if (id.isEmpty()) {
            throw TaskException.invalid(what + " must not be empty");
        }
        if (id.length() > MAX_LENGTH) {
            throw TaskException.invalid(what + " " + printable(id) + " is " + id.length()
                    + " characters long: at most " + MAX_LENGTH + " are allowed");
        }
        if (!VALID.matcher(id).matches()) {
            throw TaskException.invalid(what + " " + printable(id) + " is not a valid identifier: it must match "
                    + RULE);
        }
        return id;
    }

    /** The bundle directory of a Create: an absolute path without NUL. */
    static Path bundle(String bundle) {
        if (bundle.isEmpty()) {
            throw TaskException.invalid("bundle path must not be empty");
        }
        noNul("bundle path", bundle);
        Path path;
        try {
            path = Path.of(bundle);
        } catch (InvalidPathException e) {
            throw TaskException.invalid("bundle path " + printable(bundle) + " is not a valid path: " + e.getReason());
        }
        if (!path.isAbsolute()) {
            throw TaskException.invalid("bundle path " + printable(bundle) + " must be absolute");
        }
        return path;
    }

    /** A path or address from the request (stdio) must not carry a NUL: no file name can. */
    static void noNul(String what, String value) {
        if (value.indexOf('\0') >= 0) {
            throw TaskException.invalid(what + " " + printable(value) + " contains a NUL character");
        }
    }

    /** The value quoted, control characters escaped and cut at 80 characters, so the error stays one short line. */
    static String printable(String value) {
        StringBuilder sb = new StringBuilder("\"");
        String shown = value.length() > 80 ? value.substring(0, 80) : value;
        for (char c : shown.toCharArray()) {
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return sb.append(value.length() > 80 ? "...\"" : "\"").toString();
    }
}
