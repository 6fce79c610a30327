package io.hcs4j.runhcs;

import java.util.regex.Pattern;

/**
 * Container ids name a directory under the state root and a compute system, so they are restricted to a safe
 * alphabet: letters, digits and {@code _ . + -}, starting with a letter or digit, at most 64 characters. That excludes
 * path separators, "." and "..", so no id can reach outside the root.
 */
final class ContainerIds {
    static final int MAX_LENGTH = 64;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]*");

    private ContainerIds() {
    }

    static String validate(String id) {
        if (id == null || id.isEmpty()) {
            throw new RunhcsException("container id cannot be empty");
        }
        if (id.length() > MAX_LENGTH || !VALID.matcher(id).matches()) {
            throw new RunhcsException("invalid container id \"" + printable(id) + "\": use at most " + MAX_LENGTH
                    + " letters, digits, '_', '.', '+' or '-', starting with a letter or digit");
        }
        return id;
    }

    /** The id with control characters escaped, so the error stays on one line. */
    private static String printable(String id) {
        StringBuilder sb = new StringBuilder();
        for (char c : (id.length() > 80 ? id.substring(0, 80) + "..." : id).toCharArray()) {
            sb.append(c < 0x20 || c == 0x7f ? String.format("\\x%02x", (int) c) : String.valueOf(c));
        }
        return sb.toString();
    }
}
