package org.llmsim.scenario;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.llmsim.hardware.ModelProfile;
import org.llmsim.modelimport.ConfigImporter;
import org.llmsim.modelimport.ConfigProblems;

/**
 * Hugging Face {@code config.json} files as model profiles: what {@code llmsim model import} reads, and what a
 * scenario's {@code model:} may name instead of a profile. Problems become {@link InputException}s naming the file.
 */
public final class ModelConfigs {
    private ModelConfigs() {
    }

    /** Whether a {@code .json} file is a Hugging Face config (it names its {@code architectures}), not a profile. */
    static boolean isConfig(Path file, String text) {
        return file.getFileName().toString().endsWith(".json") && text.contains("\"architectures\"");
    }

    /** The id a config's file gives its profile: its name without {@code .json}, or its directory's for config.json. */
    public static String idFor(Path file) {
        String stem = ProfileCatalog.stem(file);
        Path parent = file.toAbsolutePath().normalize().getParent();
        return stem.equals("config") && parent != null && parent.getFileName() != null
                ? parent.getFileName().toString() : stem;
    }

    /**
     * Imports a config file.
     *
     * @param id     the profile's id; null: {@link #idFor}
     * @param name   the profile's name; null: the id
     * @param source what the profile's sources name the config by; null: the file
     * @throws InputException one line per field that could not be read, naming the file
     */
    public static ModelProfile load(Path file, String id, String name, String source) {
        String text = InputFiles.readText(file, file.toString(), InputFiles.MAX_YAML_BYTES, "config.json file");
        return fromText(file, text, id, name, source);
    }

    static ModelProfile fromText(Path file, String text, String id, String name, String source) {
        String theId = id == null ? idFor(file) : id;
        try {
            return ConfigImporter.importConfig(text, theId, name, source == null ? file.toString() : source);
        } catch (ConfigProblems e) {
            List<InputError> errors = new ArrayList<>();
            for (ConfigProblems.Problem p : e.problems()) {
                errors.add(new InputError(file.toString(), null, p.field(), p.message()));
            }
            throw new InputException(errors);
        }
    }
}
