package io.hcs4j.runhcs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContainerIdsTest {
    @ParameterizedTest
    @ValueSource(strings = {"a", "web-1", "A.b_c+d", "0", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"})
    void acceptsSafeIds(String id) {
        assertEquals(id, ContainerIds.validate(id));
    }

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "../x", "a/b", "a\\b", "/etc", "-a", ".hidden", "a b", "a\nb", "a\0b", "é"})
    void refusesIdsThatCouldEscapeTheRootOrBreakALine(String id) {
        RunhcsException e = assertThrows(RunhcsException.class, () -> ContainerIds.validate(id));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void refusesEmptyAndOverlongIds() {
        assertEquals("container id cannot be empty",
                assertThrows(RunhcsException.class, () -> ContainerIds.validate("")).getMessage());
        assertThrows(RunhcsException.class, () -> ContainerIds.validate("x".repeat(65)));
        assertEquals("invalid container id \"a\\x0ab\": use at most 64 letters, digits, '_', '.', '+' or '-', "
                + "starting with a letter or digit",
                assertThrows(RunhcsException.class, () -> ContainerIds.validate("a\nb")).getMessage());
    }
}
