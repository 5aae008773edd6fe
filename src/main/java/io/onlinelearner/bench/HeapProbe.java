package io.onlinelearner.bench;

import java.lang.management.ManagementFactory;

/** The JVM's heap in use right after a full collection: what the running components really keep. */
final class HeapProbe {

    private HeapProbe() {}

    /** Collects twice, then returns the bytes of heap in use. */
    static long usedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
