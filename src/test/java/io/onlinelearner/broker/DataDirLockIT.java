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

/** One embedded broker a data folder across processes: a child JVM holds or tries the folder's lock. */
class DataDirLockIT {

    @TempDir
    Path data;

    @Test
    void shouldRefuseAHoldWhileAnotherProcessHasIt() throws Exception {
        final Process holder = child("hold");
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

    @Test
    void shouldKeepTheFolderFromOtherProcessesAfterRefusingASecondHoldInThisOne() throws Exception {
        try (DataDirLock held = DataDirLock.take(data)) {
            assertThatThrownBy(() -> DataDirLock.take(data)).isInstanceOf(DataDirLock.DataDirInUseException.class);
            final Process other = child("try");
            other.getOutputStream().close();
            assertThat(new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim())
                    .isEqualTo("refused");
            assertThat(other.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private Process child(final String mode) throws Exception {
        return new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                        LockHolder.class.getName(),
                        data.toString(),
                        mode))
                .redirectErrorStream(true)
                .start();
    }

    /**
     * Takes the lock of the folder given: with {@code hold}, prints {@code held} and keeps it until
     * its standard input closes; with {@code try}, prints {@code held} or {@code refused} and ends.
     */
    public static final class LockHolder {

        private LockHolder() {}

        /** Entry point of the child process. */
        public static void main(final String[] args) throws Exception {
            final DataDirLock lock;
            try {
                lock = DataDirLock.take(Path.of(args[0]));
            } catch (DataDirLock.DataDirInUseException e) {
                System.out.println("refused");
                return;
            }
            try (lock) {
                System.out.println("held");
                System.out.flush();
                while ("hold".equals(args[1]) && System.in.read() >= 0) {
                    // holds until the parent closes the pipe
                }
            }
        }
    }
}
