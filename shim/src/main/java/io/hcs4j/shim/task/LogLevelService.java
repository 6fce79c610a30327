package io.hcs4j.shim.task;

import io.grpc.stub.StreamObserver;
import io.hcs4j.log.Logging;
import io.hcs4j.shim.api.loglevel.GetLogLevelRequest;
import io.hcs4j.shim.api.loglevel.LogLevelGrpc;
import io.hcs4j.shim.api.loglevel.LogLevelResponse;
import io.hcs4j.shim.api.loglevel.SetLogLevelRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * hcs4j.shim.diag.v1.LogLevel, served beside ShimDiag: reads and sets the shim's one log level, which every logger
 * follows from the next line on.
 */
public final class LogLevelService extends LogLevelGrpc.LogLevelImplBase {
    private static final Logger log = LoggerFactory.getLogger(LogLevelService.class);

    @Override
    public void get(GetLogLevelRequest r, StreamObserver<LogLevelResponse> out) {
        TaskService.unary("LogLevel.Get", out, () -> response(Logging.level()));
    }

    @Override
    public void set(SetLogLevelRequest r, StreamObserver<LogLevelResponse> out) {
        TaskService.unary("LogLevel.Set", out, () -> {
            Level level;
            try {
                level = Logging.parse(r.getLevel());
            } catch (IllegalArgumentException e) {
                throw TaskException.invalid(e.getMessage());
            }
            Logging.setLevel(level);
            // At the new level, so that the change shows in the log whatever the level.
            log.atLevel(level).log("log level set to {} by shimdiag", Logging.name(level));
            return response(level);
        });
    }

    private static LogLevelResponse response(Level level) {
        return LogLevelResponse.newBuilder().setLevel(Logging.name(level)).build();
    }
}
