package io.aeroshift.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class that needs a local service (PostgreSQL, RabbitMQ) only when the service answers
 * on its port; otherwise the class is reported SKIPPED with the reason, before Quarkus starts. With
 * the service's {@code AEROSHIFT_REQUIRE_...=true} (set by {@code .ci/run}) an unreachable service
 * fails the class instead, so CI cannot go green by skipping. Subclasses name the service.
 */
public abstract class RequiresLocalService implements ExecutionCondition {
  public static final String HOST = "127.0.0.1";

  private final String service;
  private final int port;
  private final String requireVariable;

  protected RequiresLocalService(String service, int port, String requireVariable) {
    this.service = service;
    this.port = port;
    this.requireVariable = requireVariable;
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String why = unreachable(port);
    if (why == null) {
      return ConditionEvaluationResult.enabled(service + " reachable at " + HOST + ":" + port);
    }
    String message = service + " at " + HOST + ":" + port + " is unreachable (" + why + ")";
    if (required(requireVariable)) {
      throw new IllegalStateException(message + " but " + requireVariable + "=true: start " + service + " (see .ci/run)");
    }
    System.err.println("SKIPPED " + context.getDisplayName() + ": " + message + "; set " + requireVariable
        + "=true to fail instead");
    return ConditionEvaluationResult.disabled(message + "; " + service + "-backed tests skipped");
  }

  /** Whether CI asks for the service ({@code VARIABLE=true}): then a test must fail, not skip, without it. */
  public static boolean required(String requireVariable) {
    return "true".equalsIgnoreCase(System.getenv(requireVariable));
  }

  /** Null when something accepts a TCP connection on 127.0.0.1:port within a second, else why not. */
  public static String unreachable(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(HOST, port), 1000);
      return null;
    } catch (IOException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
