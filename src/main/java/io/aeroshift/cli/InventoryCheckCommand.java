package io.aeroshift.cli;

import io.aeroshift.inventory.ClusterEntry;
import io.aeroshift.inventory.InvalidInventoryException;
import io.aeroshift.inventory.InventoryParser;
import io.aeroshift.inventory.InventoryProblem;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@code inventory-check <file>}: validates an inventory file offline, exactly as startup would. */
public class InventoryCheckCommand implements Subcommand {
  @Override
  public String name() {
    return "inventory-check";
  }

  @Override
  public String usage() {
    return "usage: bin/aeroshift inventory-check <inventory.yaml>";
  }

  @Override
  public String summary() {
    return "<inventory.yaml>  validate an inventory file (exit 1 listing path:line: reason)";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.size() != 1) {
      err.println("usage: bin/aeroshift inventory-check <inventory.yaml>");
      return AeroshiftCli.USAGE;
    }
    Path path = Path.of(args.get(0));
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println(path + ": cannot read (" + e.getClass().getSimpleName() + ")");
      return 1;
    }
    try {
      List<ClusterEntry> entries = InventoryParser.parse(path.toString(), text);
      for (ClusterEntry e : entries) {
        out.println(e.name() + "  team=" + e.team() + "  seeds=" + String.join(",", e.seeds()));
      }
      out.println(path + ": " + entries.size() + " clusters, valid");
      return 0;
    } catch (InvalidInventoryException e) {
      for (InventoryProblem p : e.problems()) {
        err.println(p.format());
      }
      return 1;
    }
  }
}
