package io.onlinelearner.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One embedded broker a data folder, in this process or another, until it lets go. */
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

    @Test
    void shouldRefuseAHoldWhileAnotherProcessHasIt() throws Exception {
        final Process holder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        LockHolder.class.getName(),
                        data.toString()))
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("held");
            assertThatThrownBy(() -> DataDirLock.take(data)).isInstanceOf(DataDirLock.DataDirInUseException.class);
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        DataDirLock.take(data).close();
    }

    /** Holds the lock of the folder given until its standard input closes. */
    public static final class LockHolder {

        private LockHolder() {}

        /** Entry point of the child process. */
        public static void main(final String[] args) throws Exception {
            try (DataDirLock lock = DataDirLock.take(Path.of(args[0]))) {
                System.out.println("held");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // holds until the parent closes the pipe
                }
            }
        }
    }
}
