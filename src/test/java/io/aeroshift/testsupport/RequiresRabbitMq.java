package io.aeroshift.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a RabbitMQ-backed test class only when RabbitMQ answers on 127.0.0.1:5672; otherwise the
 * class is reported SKIPPED with the reason, before Quarkus starts. With
 * {@code AEROSHIFT_REQUIRE_RABBITMQ=true} (set by {@code .ci/run}) an unreachable RabbitMQ fails the
 * class instead.
 */
public class RequiresRabbitMq implements ExecutionCondition {
  public static final String HOST = "127.0.0.1";
  public static final int PORT = 5672;

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    String why = unreachable();
    if (why == null) {
      return ConditionEvaluationResult.enabled("RabbitMQ reachable at " + HOST + ":" + PORT);
    }
    String message = "RabbitMQ at " + HOST + ":" + PORT + " is unreachable (" + why + ")";
    if ("true".equalsIgnoreCase(System.getenv("AEROSHIFT_REQUIRE_RABBITMQ"))) {
      throw new IllegalStateException(message + " but AEROSHIFT_REQUIRE_RABBITMQ=true: start RabbitMQ (see .ci/run)");
    }
    System.err.println("SKIPPED " + context.getDisplayName() + ": " + message + "; set AEROSHIFT_REQUIRE_RABBITMQ=true to fail instead");
    return ConditionEvaluationResult.disabled(message + "; RabbitMQ-backed tests skipped");
  }

  private static String unreachable() {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(HOST, PORT), 1000);
      return null;
    } catch (IOException e) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
  }
}
