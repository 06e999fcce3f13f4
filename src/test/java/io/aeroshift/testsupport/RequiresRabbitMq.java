package io.aeroshift.testsupport;

/** RabbitMQ on 127.0.0.1:5672, required by {@code AEROSHIFT_REQUIRE_RABBITMQ=true}. */
public class RequiresRabbitMq extends RequiresLocalService {
  public static final int PORT = 5672;
  public static final String REQUIRE = "AEROSHIFT_REQUIRE_RABBITMQ";

  public RequiresRabbitMq() {
    super("RabbitMQ", PORT, REQUIRE);
  }
}
