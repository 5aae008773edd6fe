package io.onlinelearner.cli;

import io.onlinelearner.config.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Properties;

/** Reads the learner's configuration file, turning every failure into a one-line {@link ConfigException}. */
final class ConfigFiles {

    /** The file {@code run} reads when no {@code --config} is given, if it exists. */
    static final Path DEFAULT_FILE = Path.of("config", "learner.properties");

    private ConfigFiles() {}

    /**
     * The properties in {@code file}; with no file, those of {@link #DEFAULT_FILE} when present,
     * else none (every default applies).
     *
     * @throws ConfigException when the file cannot be read or is not a properties file
     */
    static Properties load(final Path file) {
        if (file == null) {
            return Files.isRegularFile(DEFAULT_FILE) ? read(DEFAULT_FILE) : new Properties();
        }
        return read(file);
    }

    private static Properties read(final Path file) {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
            return properties;
        } catch (NoSuchFileException e) {
            throw unreadable(file, "no such file");
        } catch (CharacterCodingException e) {
            throw unreadable(file, "not UTF-8 text");
        } catch (AccessDeniedException e) {
            throw unreadable(file, "permission denied");
        } catch (IOException | IllegalArgumentException e) {
            throw unreadable(file, e.getMessage());
        }
    }

    private static ConfigException unreadable(final Path file, final String reason) {
        return new ConfigException("cannot read config file " + file + ": " + reason);
    }
}
