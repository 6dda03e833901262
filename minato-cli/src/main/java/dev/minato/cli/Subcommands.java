package dev.minato.cli;

import dev.minato.cli.check.CheckCommand;
import dev.minato.cli.cluster.ApplyCommand;
import dev.minato.cli.cluster.BackupCommand;
import dev.minato.cli.cluster.DriftCommand;
import dev.minato.cli.cluster.MigrateCommand;
import dev.minato.cli.cluster.RestoreCommand;
import dev.minato.cli.cluster.SandboxCommand;
import dev.minato.cli.collector.CollectorCommand;
import dev.minato.cli.demo.DemoCommand;
import dev.minato.cli.edge.LbCommand;
import dev.minato.cli.edge.NodePortsCommand;
import dev.minato.cli.generate.GenerateCommand;
import dev.minato.cli.load.LoadCommand;
import dev.minato.cli.logs.LogsCommand;
import dev.minato.cli.release.ReleaseCommand;
import dev.minato.cli.replay.ReplayCommand;
import dev.minato.cli.secrets.SecretsCommand;
import dev.minato.cli.shadow.ShadowCommand;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/**
 * The subcommands of {@code minato}, in the order help lists them. Building picocli's model of
 * every command costs more start-up time than running most of them, so a command line that names
 * one subcommand gets only that one; the whole set is built for top-level help, {@code help}, and
 * to suggest the closest name for a misspelt command.
 */
final class Subcommands {

  private static final Map<String, Class<?>> ALL = new LinkedHashMap<>();

  static {
    ALL.put("generate", GenerateCommand.class);
    ALL.put("check", CheckCommand.class);
    ALL.put("nodeports", NodePortsCommand.class);
    ALL.put("lb", LbCommand.class);
    ALL.put("load", LoadCommand.class);
    ALL.put("shadow", ShadowCommand.class);
    ALL.put("replay", ReplayCommand.class);
    ALL.put("apply", ApplyCommand.class);
    ALL.put("backup", BackupCommand.class);
    ALL.put("restore", RestoreCommand.class);
    ALL.put("migrate", MigrateCommand.class);
    ALL.put("drift", DriftCommand.class);
    ALL.put("release", ReleaseCommand.class);
    ALL.put("sandbox", SandboxCommand.class);
    ALL.put("secrets", SecretsCommand.class);
    ALL.put("logs", LogsCommand.class);
    ALL.put("collector", CollectorCommand.class);
    ALL.put("demo", DemoCommand.class);
  }

  private Subcommands() {}

  /** Adds what {@code args} needs: the one named subcommand, or all of them. */
  static void register(CommandLine cmd, String... args) {
    Class<?> named = args.length > 0 ? ALL.get(args[0]) : null;
    boolean versionOnly = args.length > 0 && (args[0].equals("-V") || args[0].equals("--version"));
    if (named != null) {
      cmd.addSubcommand(args[0], named);
    } else if (!versionOnly) {
      ALL.forEach(cmd::addSubcommand);
    }
    cmd.addSubcommand("help", new CommandLine.HelpCommand());
  }
}
