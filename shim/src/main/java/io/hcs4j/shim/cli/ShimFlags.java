package io.hcs4j.shim.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * containerd's shim command line, Go flag style: {@code -namespace NS -address A -publish-binary B -id ID
 * [-bundle DIR] [-debug] [-socket S] ACTION}. Values may also be given as {@code -flag=value}.
 */
record ShimFlags(String namespace, String address, String publishBinary, String id, String bundle, boolean debug,
        String socket, String action) {

    private static final Set<String> VALUE_FLAGS = Set.of("namespace", "address", "publish-binary", "id", "bundle", "socket");
    private static final Set<String> BOOLEAN_FLAGS = Set.of("debug");

    static ShimFlags parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        boolean debug = false;
        String action = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.startsWith("-") && a.length() > 1 && action == null) {
                String name = a.replaceFirst("^--?", "");
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                if (BOOLEAN_FLAGS.contains(name)) {
                    debug = value == null || Boolean.parseBoolean(value);
                } else if (VALUE_FLAGS.contains(name)) {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException("flag -" + name + " needs a value");
                        }
                        value = args[++i];
                    }
                    values.put(name, value);
                } else {
                    throw new IllegalArgumentException("unknown flag: " + a);
                }
            } else if (action == null) {
                action = a;
            } else {
                throw new IllegalArgumentException("unexpected argument: " + a);
            }
        }
        if (action == null) {
            throw new IllegalArgumentException("missing action: start, delete or serve");
        }
        return new ShimFlags(values.getOrDefault("namespace", System.getenv().getOrDefault("NAMESPACE", "default")),
                values.getOrDefault("address", ""), values.getOrDefault("publish-binary", ""),
                values.getOrDefault("id", ""), values.getOrDefault("bundle", ""), debug,
                values.getOrDefault("socket", ""), action);
    }
}
