package io.aeroshift.emulator;

/** Which server edition a cluster emulates; it decides security, XDR and durable-delete behaviour. */
public enum Edition {
  COMMUNITY("Aerospike Community Edition", "Community"),
  ENTERPRISE("Aerospike Enterprise Edition", "Enterprise");

  private final String editionName;
  private final String shortName;

  Edition(String editionName, String shortName) {
    this.editionName = editionName;
    this.shortName = shortName;
  }

  /** The value of the {@code edition} info command. */
  public String editionName() {
    return editionName;
  }

  String shortName() {
    return shortName;
  }
}
