package io.hcs4j.hcs;

/**
 * How a compute system exited, from its SystemExited notification ({@code {"Status", "ExitType"}}).
 *
 * @param status   HRESULT reported with the exit (0 for a clean exit)
 * @param exitType HCS's exit type, e.g. "UnexpectedExit" or "GracefulExit"; null when not given
 * @param document the notification data as sent
 */
public record SystemExit(int status, String exitType, String document) {

    static SystemExit parse(String data) {
        var tree = Documents.tree(data);
        return new SystemExit(tree.path("Status").asInt(0),
                tree.hasNonNull("ExitType") ? tree.get("ExitType").asText() : null, data);
    }
}
