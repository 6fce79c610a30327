package io.hcs4j.uvm;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** hcs4j's pool-size annotation reaches the host backend as its property; a bad value names the annotation. */
class VmAnnotationsTest {
    @AfterEach
    void clear() {
        System.clearProperty(VmAnnotations.POOL_SIZE_PROPERTY);
    }

    @Test
    void thePoolSizeAnnotationSetsTheBackendsPropertyAndItsAbsenceLeavesItAlone() {
        VmAnnotations.applyPoolSize(Map.of());
        assertNull(System.getProperty(VmAnnotations.POOL_SIZE_PROPERTY));
        VmAnnotations.applyPoolSize(Map.of(VmAnnotations.POOL_SIZE, " 2 "));
        assertEquals("2", System.getProperty(VmAnnotations.POOL_SIZE_PROPERTY));
        VmAnnotations.applyPoolSize(Map.of(VmAnnotations.POOL_SIZE, "0"));
        assertEquals("0", System.getProperty(VmAnnotations.POOL_SIZE_PROPERTY));
    }

    @Test
    void aPoolSizeThatIsNotASmallNumberIsRefusedAndChangesNothing() {
        for (String bad : new String[] {"two", "-1", "65", "1e3"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> VmAnnotations.applyPoolSize(Map.of(VmAnnotations.POOL_SIZE, bad)));
            assertTrue(e.getMessage().contains(VmAnnotations.POOL_SIZE), e.getMessage());
            assertNull(System.getProperty(VmAnnotations.POOL_SIZE_PROPERTY));
        }
    }
}
