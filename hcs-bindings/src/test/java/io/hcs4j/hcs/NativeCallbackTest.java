package io.hcs4j.hcs;

import com.sun.jna.CallbackReference;
import com.sun.jna.Function;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.hcs4j.hcs.raw.HcsEvents;
import io.hcs4j.hcs.raw.Utf16;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The facade's static callbacks called from native code, as HCS calls them: through a native function pointer, with
 * the event in native memory and the numeric context id as the context pointer. Checks the JNA marshalling of
 * HCS_EVENT* and of the v1 notification arguments, and dispatch by id through {@link EventRouter}.
 */
@Timeout(10)
class NativeCallbackTest {
    record Seen(EventRouter.Kind kind, String data) {
    }

    private static Memory utf16(String s) {
        byte[] bytes = Utf16.encode(s);
        Memory m = new Memory(bytes.length);
        m.write(0, bytes, 0, bytes.length);
        return m;
    }

    @Test
    void computeCoreEventReachesItsSinkById() {
        List<Seen> seen = new ArrayList<>();
        long id = EventRouter.register((kind, data) -> seen.add(new Seen(kind, data)));
        try {
            Memory data = utf16("{\"Status\":0,\"ExitType\":\"GracefulExit\"}");
            Memory event = new Memory(24); // HCS_EVENT on x64: Type @0, EventData @8, Operation @16
            event.clear();
            event.setInt(0, HcsEvents.V2_SYSTEM_EXITED);
            event.setPointer(8, data);
            Function fn = Function.getFunction(CallbackReference.getFunctionPointer(ComputeCoreApi.CALLBACK));
            fn.invoke(void.class, new Object[] {event, new Pointer(id)});
            event.setInt(0, HcsEvents.V2_SYSTEM_CRASH_REPORT); // not acted on
            fn.invoke(void.class, new Object[] {event, new Pointer(id)});
            event.setInt(0, HcsEvents.V2_SYSTEM_EXITED);
            fn.invoke(void.class, new Object[] {event, new Pointer(id + 1_000_000)}); // unknown id: dropped

            assertEquals(List.of(new Seen(EventRouter.Kind.SYSTEM_EXITED, "{\"Status\":0,\"ExitType\":\"GracefulExit\"}")),
                    seen);
        } finally {
            EventRouter.unregister(id);
        }
    }

    @Test
    void vmComputeNotificationReachesItsSinkById() {
        List<Seen> seen = new ArrayList<>();
        long id = EventRouter.register((kind, data) -> seen.add(new Seen(kind, data)));
        try {
            Memory data = utf16("{\"ExitCode\":7}");
            Function fn = Function.getFunction(CallbackReference.getFunctionPointer(VmComputeApi.CALLBACK));
            fn.invoke(void.class, new Object[] {HcsEvents.V1_PROCESS_EXITED, new Pointer(id), 0, data});
            fn.invoke(void.class, new Object[] {HcsEvents.V1_SERVICE_DISCONNECT, new Pointer(id), 0, null});
            assertEquals(List.of(new Seen(EventRouter.Kind.PROCESS_EXITED, "{\"ExitCode\":7}"),
                    new Seen(EventRouter.Kind.SERVICE_DISCONNECT, null)), seen);
        } finally {
            EventRouter.unregister(id);
        }
    }
}
