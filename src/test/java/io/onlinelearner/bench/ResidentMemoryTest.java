package io.onlinelearner.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The resident memory read from Linux's {@code /proc/self/status}. */
class ResidentMemoryTest {

    private static final String STATUS = "Name:\tjava\nVmPeak:\t 9000 kB\nVmHWM:\t  2048 kB\nVmRSS:\t    1536 kB\n";

    @Test
    void shouldReadTheResidentAndPeakKilobytesAsBytes() {
        assertThat(ResidentMemory.parse(STATUS, "VmRSS:")).isEqualTo(1536L * 1024);
        assertThat(ResidentMemory.parse(STATUS, "VmHWM:")).isEqualTo(2048L * 1024);
    }

    @Test
    void shouldAnswerMinusOneWithoutTheField() {
        assertThat(ResidentMemory.parse("Name:\tjava\n", "VmRSS:")).isEqualTo(-1);
    }
}
