package org.llmsim.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Callable;

import org.llmsim.hardware.ModelProfile;
import org.llmsim.modelimport.ProfileYaml;
import org.llmsim.scenario.InputException;
import org.llmsim.scenario.ModelConfigs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code llmsim model}: model profiles; {@code llmsim model import} writes one from a Hugging Face config.json. */
@Command(name = "model", mixinStandardHelpOptions = true, description = "Model profiles.",
        subcommands = ModelCommand.Import.class)
final class ModelCommand implements Runnable {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "import", mixinStandardHelpOptions = true, description = {"Write a model profile (the format "
            + "of gpu-profiles/models/*.yaml) from a published Hugging Face config.json: every shape, and the total "
            + "and active parameters counted from them. An unknown architecture or a key llmsim cannot price exits with "
            + "code 2, naming it.", "Architectures: Llama, Mistral, Mixtral, Qwen2, Qwen3, Qwen3Moe, Qwen3Next, "
            + "DeepseekV3, GptOss (...ForCausalLM), Gemma3 (ForCausalLM or ForConditionalGeneration), "
            + "Llama4ForConditionalGeneration."})
    static final class Import implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "CONFIG.json", description = "The model's config.json.")
        Path config;

        @Option(names = "--id", paramLabel = "ID", description = "Profile id (default: the file's name, or its "
                + "directory's for config.json).")
        String id;

        @Option(names = "--name", paramLabel = "NAME", description = "Profile name (default: the id).")
        String name;

        @Option(names = "--source", paramLabel = "TEXT", description = "What the profile's sources name the config "
                + "by, such as its public URL and commit (default: the file as given).")
        String source;

        @Option(names = "--out", paramLabel = "FILE", description = "Write the profile to FILE, which must not exist "
                + "(default: print it).")
        Path out;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            ModelProfile profile = ModelConfigs.load(config, id, name, source);
            String yaml = ProfileYaml.write(profile);
            if (out == null) {
                spec.commandLine().getOut().print(yaml);
                spec.commandLine().getOut().flush();
                return Main.EXIT_OK;
            }
            try {
                Files.writeString(out, yaml, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
            } catch (FileAlreadyExistsException e) {
                throw new InputException(out.toString(), "--out: the file exists; llmsim never overwrites a file "
                        + "(remove it or name another)");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + out, e);
            }
            spec.commandLine().getOut().println("wrote " + out + " (" + profile.id() + ": "
                    + ProfileYaml.count(profile) + ")");
            return Main.EXIT_OK;
        }
    }
}
