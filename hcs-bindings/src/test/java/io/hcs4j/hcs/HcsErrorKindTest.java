package io.hcs4j.hcs;

import io.hcs4j.hcs.raw.HResults;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every HRESULT FACTS.md lists maps to its named kind and predicate. */
class HcsErrorKindTest {

    @Test
    void everyFactsCodeHasItsKind() {
        Map<Integer, HcsErrorKind> facts = Map.ofEntries(
                Map.entry(0xC037010E, HcsErrorKind.SYSTEM_NOT_FOUND),
                Map.entry(0x80070490, HcsErrorKind.ELEMENT_NOT_FOUND),
                Map.entry(0x80070032, HcsErrorKind.NOT_SUPPORTED),
                Map.entry(0x8007000D, HcsErrorKind.INVALID_DATA),
                Map.entry(0xC0370110, HcsErrorKind.ALREADY_STOPPED),
                Map.entry(0x80370110, HcsErrorKind.ALREADY_STOPPED),
                Map.entry(0xC0370103, HcsErrorKind.PENDING),
                Map.entry(0xC0370105, HcsErrorKind.INVALID_STATE),
                Map.entry(0x8007007F, HcsErrorKind.PROC_NOT_FOUND),
                Map.entry(0x80070005, HcsErrorKind.ACCESS_DENIED),
                Map.entry(0xC037010D, HcsErrorKind.INVALID_JSON),
                Map.entry(0xC037010B, HcsErrorKind.UNKNOWN_MESSAGE),
                Map.entry(0xC0370106, HcsErrorKind.UNEXPECTED_EXIT),
                Map.entry(0x8037011F, HcsErrorKind.PROCESS_ALREADY_STOPPED),
                Map.entry(0x80070006, HcsErrorKind.INVALID_HANDLE),
                Map.entry(0x80370118, HcsErrorKind.TIMEOUT),
                Map.entry(0x8037011E, HcsErrorKind.SERVICE_DISCONNECT));
        facts.forEach((hr, kind) -> assertEquals(kind, HcsErrorKind.of(hr), HResults.hex(hr)));
        assertEquals(HcsErrorKind.OTHER, HcsErrorKind.of(0x80004005));
    }

    @Test
    void predicatesFollowTheKind() {
        assertTrue(new HcsException("x", 0xC037010E, null).isNotFound());
        assertTrue(new HcsException("x", 0x80070490, null).isNotFound());
        assertTrue(new HcsException("x", 0xC0370110, null).isAlreadyStopped());
        assertTrue(new HcsException("x", 0x8037011F, null).isAlreadyStopped());
        assertTrue(new HcsException("x", 0x8037010F, null).isAlreadyExists());
        assertTrue(new HcsException("x", 0x800700B7, null).isAlreadyExists(), "ERROR_ALREADY_EXISTS (a taken slot)");
        assertTrue(new HcsException("x", HcsErrorKind.HANDLE_CLOSED, "closed").isHandleClosed());
    }

    @Test
    void v1FormsOfHcsCodes() {
        assertEquals(0xC037010E, HResults.toV1(HResults.HCS_E_SYSTEM_NOT_FOUND));
        assertEquals(0xC0370110, HResults.toV1(HResults.HCS_E_SYSTEM_ALREADY_STOPPED));
        assertEquals(0x8037011F, HResults.toV1(HResults.HCS_E_PROCESS_ALREADY_STOPPED));
        assertEquals(0x80070005, HResults.toV1(HResults.E_ACCESSDENIED));
    }

    @Test
    void theResultDocumentIsParsedWithItsEvents() {
        ResultDocument doc = Documents.result("""
                {"Error":-2143878898,"ErrorMessage":"not found","ErrorEvents":[{"Message":"m","StackTrace":"s",
                "Provider":"p","EventId":7,"Flags":1,"Source":"src"}]}""");
        HcsException e = new HcsException("HcsOpenComputeSystem", 0x8037010E, doc);
        assertEquals(0x8037010E, e.result().error());
        assertEquals(new ResultDocument.ErrorEvent("m", "s", "p", 7, 1, "src"), e.result().errorEvents().get(0));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }
}
