package io.hcs4j.shim.ttrpc;

import io.grpc.Status;

/** grpc-java Status ⇄ google.rpc.Status, the error form ttrpc responses carry. */
public final class StatusMapping {
    private StatusMapping() {
    }

    public static com.google.rpc.Status toProto(Status status) {
        com.google.rpc.Status.Builder b = com.google.rpc.Status.newBuilder().setCode(status.getCode().value());
        String message = status.getDescription();
        if (message == null && status.getCause() != null) {
            message = status.getCause().toString();
        }
        if (message != null) {
            b.setMessage(message);
        }
        return b.build();
    }

    public static Status fromProto(com.google.rpc.Status proto) {
        Status status = Status.fromCodeValue(proto.getCode());
        return proto.getMessage().isEmpty() ? status : status.withDescription(proto.getMessage());
    }
}
