package io.hcs4j.shim.cli;

/**
 * containerd-shim-runhcs-v1's entry point. {@code start} and {@code delete} run on every container start and
 * teardown, so they touch only JDK classes and this package; {@code serve} loads the full stack.
 */
public final class ShimMain {
    private ShimMain() {
    }

    public static void main(String[] args) {
        ShimFlags flags;
        try {
            flags = ShimFlags.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("containerd-shim-runhcs-v1: " + e.getMessage());
            System.err.println("usage: containerd-shim-runhcs-v1 -namespace NS -address ADDR -publish-binary BIN -id ID [-bundle DIR] [-debug] start|delete|serve");
            System.exit(2);
            return;
        }
        int code;
        try {
            code = switch (flags.action()) {
                case "start" -> StartCommand.run(flags);
                case "delete" -> DeleteCommand.run(flags);
                case "serve" -> ServeCommand.run(flags);
                default -> {
                    System.err.println("containerd-shim-runhcs-v1: unknown action " + flags.action());
                    yield 2;
                }
            };
        } catch (Exception e) {
            System.err.println("containerd-shim-runhcs-v1 " + flags.action() + ": " + e.getMessage());
            code = 1;
        }
        System.exit(code);
    }
}
