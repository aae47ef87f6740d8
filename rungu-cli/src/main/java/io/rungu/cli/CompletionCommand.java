package io.rungu.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rungu completion bash|zsh}: prints a completion script for the whole command tree. The script is made from
 * the tree this run already built (with its {@link Context}), so picocli never has to construct commands itself.
 */
@Command(name = "completion", description = "Print a shell completion script for bash or zsh.",
        footer = {"", "bash:  source <(rungu completion bash)    (or save it in /etc/bash_completion.d/rungu)",
            "zsh:   source <(rungu completion zsh)     (bash-style completion through bashcompinit)"})
final class CompletionCommand implements Callable<Integer> {
    enum Shell { bash, zsh }

    private final Context context;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    CompletionCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        // picocli's script serves both: under zsh it loads bashcompinit itself.
        context.out.print(AutoComplete.bash("rungu", spec.root().commandLine()));
        context.out.flush();
        return ExitCode.OK;
    }
}
