package io.aeroshift.cli;

import java.util.List;

/**
 * The one place where subcommands are registered. Other packages add theirs here (copy, backup,
 * restore, validate, ...), one line each.
 */
public final class Subcommands {
  private Subcommands() {}

  /** Every subcommand, in usage order. */
  public static final List<Subcommand> ALL = List.of(
      new InventoryCheckCommand(),
      new CopyCommand(),
      new ValidateCommand(),
      new BackupCommand(),
      new RestoreCommand()
      // add new subcommands above this line, one per line: new XxxCommand(),
  );
}
