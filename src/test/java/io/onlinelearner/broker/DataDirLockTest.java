package io.onlinelearner.broker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One embedded broker a data folder in this process, until it lets go ({@link DataDirLockIT}: across processes). */
class DataDirLockTest {

    @TempDir
    Path data;

    @Test
    void shouldRefuseASecondHoldInThisProcessUntilTheFirstIsReleased() throws Exception {
        final DataDirLock first = DataDirLock.take(data);
        assertThatThrownBy(() -> DataDirLock.take(data))
                .isInstanceOf(DataDirLock.DataDirInUseException.class)
                .hasMessage("the data folder " + data.toAbsolutePath()
                        + " is in use by another embedded broker (a running `run` or `broker`)");
        first.close();
        DataDirLock.take(data).close();
    }
}
