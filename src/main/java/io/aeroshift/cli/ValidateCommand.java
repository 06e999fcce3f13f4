package io.aeroshift.cli;

import com.aerospike.client.Host;
import io.aeroshift.validation.AerospikeValidator;
import io.aeroshift.validation.InMemoryValidationResultStore;
import io.aeroshift.validation.ValidationEngine;
import io.aeroshift.validation.ValidationReport;
import io.aeroshift.validation.ValidationResult;
import io.aeroshift.validation.ValidationSuite;
import io.aeroshift.validation.ValidationSuiteLoader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/aeroshift validate --source HOST:PORT[,..] --target HOST:PORT[,..] --namespace NS
 * [--suite NAME] [--report FILE]}: validates one namespace between two clusters, prints the
 * summary, writes the JSON report. Exit 0 when everything matches, 1 when differences were found,
 * 2 when any partition is unvalidated, the run failed or the command line is wrong.
 *
 * <p>There is no catch-up pass in a one-off run, so partitions that differ are re-checked once
 * straight away with a fresh cut-off (this rules out writes that were in flight); what still differs
 * is reported as a mismatch.
 */
public final class ValidateCommand implements Subcommand {

  static final int MATCH = 0;
  static final int DIFFERENCES = 1;
  static final int INCOMPLETE = 2;

  private static final String USAGE =
      "usage: bin/aeroshift validate --source HOST:PORT[,..] --target HOST:PORT[,..] --namespace NS"
          + " [--suite NAME|FILE.yaml] [--report FILE]";

  @Override
  public String name() {
    return "validate";
  }

  @Override
  public String usage() {
    return USAGE;
  }

  @Override
  public String summary() {
    return "--source H:P --target H:P --namespace NS [--suite S] [--report F]  compare two clusters (exit 0/1/2)";
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    return run(args, out, err, AerospikeValidator.Settings.defaults());
  }

  /** Static entry point for callers without the dispatcher. */
  public static int run(List<String> args, PrintStream out, PrintStream err, AerospikeValidator.Settings settings) {
    Map<String, String> opts = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.equals("-h") || a.equals("--help")) {
        out.println(USAGE);
        return MATCH;
      }
      String name = a;
      String value;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        name = a.substring(0, eq);
        value = a.substring(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        err.println("validate: " + a + " needs a value");
        err.println(USAGE);
        return INCOMPLETE;
      }
      if (!List.of("--source", "--target", "--namespace", "--suite", "--report").contains(name)) {
        err.println("validate: unknown option '" + name + "'");
        err.println(USAGE);
        return INCOMPLETE;
      }
      if (opts.put(name, value) != null) {
        err.println("validate: " + name + " given twice");
        return INCOMPLETE;
      }
    }
    for (String required : List.of("--source", "--target", "--namespace")) {
      if (!opts.containsKey(required) || opts.get(required).isBlank()) {
        err.println("validate: " + required + " is required");
        err.println(USAGE);
        return INCOMPLETE;
      }
    }
    List<Host> source;
    List<Host> target;
    try {
      source = hosts("--source", opts.get("--source"));
      target = hosts("--target", opts.get("--target"));
    } catch (IllegalArgumentException e) {
      err.println("validate: " + e.getMessage());
      return INCOMPLETE;
    }
    ValidationSuite suite;
    try {
      suite = suite(opts.getOrDefault("--suite", "default"));
    } catch (RuntimeException e) {
      err.println("validate: " + e.getMessage());
      return INCOMPLETE;
    }
    Path report = opts.containsKey("--report") ? Path.of(opts.get("--report")) : null;
    if (report != null && report.toAbsolutePath().getParent() != null
        && !Files.isDirectory(report.toAbsolutePath().getParent())) {
      err.println("validate: --report " + report + ": directory " + report.toAbsolutePath().getParent() + " does not exist");
      return INCOMPLETE;
    }
    String ns = opts.get("--namespace");
    String scope = opts.get("--source") + "->" + opts.get("--target") + "/" + ns;
    ValidationResult result;
    try (AerospikeValidator v =
        AerospikeValidator.connect(source, target, suite, settings, new InMemoryValidationResultStore(), scope)) {
      out.println("validating namespace " + ns + " with suite " + suite.name() + " ...");
      if (v.sampleNote() != null) {
        out.println(v.sampleNote());
      }
      result = v.validate(ns, Instant.now(), ValidationEngine.allPartitions());
      if (result.summary().pendingRecheckPartitions() > 0) {
        out.println("re-checking " + result.summary().pendingRecheckPartitions() + " differing partitions ...");
        result = v.recheck(result, Instant.now());
      }
    } catch (RuntimeException e) {
      err.println("validate: run failed: " + e.getMessage());
      return INCOMPLETE;
    }
    out.print(ValidationReport.text(result));
    if (report != null) {
      try {
        Files.writeString(report, ValidationReport.json(result, false), StandardCharsets.UTF_8);
        out.println("report: " + report);
      } catch (IOException e) {
        err.println("validate: cannot write report " + report + ": " + e.getMessage());
        return INCOMPLETE;
      }
    }
    return result.exitCode();
  }

  static List<Host> hosts(String option, String text) {
    List<Host> hosts =
        Arrays.stream(text.split(","))
            .map(String::trim)
            .map(
                h -> {
                  int colon = h.lastIndexOf(':');
                  if (colon <= 0 || colon == h.length() - 1) {
                    throw new IllegalArgumentException(option + ": '" + h + "' is not HOST:PORT");
                  }
                  int port;
                  try {
                    port = Integer.parseInt(h.substring(colon + 1));
                  } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(option + ": port of '" + h + "' is not a number");
                  }
                  if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException(option + ": port of '" + h + "' must be 1..65535");
                  }
                  return new Host(h.substring(0, colon), port);
                })
            .toList();
    return hosts;
  }

  /** A suite by file path, or by name from the nearest validators/ directory. */
  static ValidationSuite suite(String nameOrFile) {
    if (nameOrFile.endsWith(".yaml")) {
      Path f = Path.of(nameOrFile);
      if (!Files.isRegularFile(f)) {
        throw new IllegalArgumentException("--suite " + nameOrFile + ": no such file");
      }
      return ValidationSuiteLoader.load(f);
    }
    Path dir = ValidationSuiteLoader.nearestDirectory();
    if (dir == null) {
      if (nameOrFile.equals("default")) {
        return ValidationSuite.defaults();
      }
      throw new IllegalArgumentException("--suite " + nameOrFile + ": no validators/ directory found");
    }
    return ValidationSuiteLoader.load(dir, nameOrFile);
  }
}
