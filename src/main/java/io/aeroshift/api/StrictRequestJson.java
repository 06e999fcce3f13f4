package io.aeroshift.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.ws.rs.ext.ContextResolver;
import jakarta.ws.rs.ext.Provider;

/**
 * The JSON mapper of the REST layer: the service's mapper, but a request body with a field the
 * endpoint does not know is refused (400 UNKNOWN_FIELD naming it) instead of ignored, because an
 * ignored typo changes what is done ({@code "sett"} copies the whole namespace, {@code
 * "credential"} registers a cluster without credentials). Only the REST layer reads with it: the
 * stores keep the service mapper, so rows written by an older version still load.
 */
@Provider
public class StrictRequestJson implements ContextResolver<ObjectMapper> {
  private final ObjectMapper strict;

  @Inject
  public StrictRequestJson(ObjectMapper service) {
    this.strict = service.copy()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        // 1.5 copies at once is a mistake to name, not a 1 to take silently
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
  }

  @Override
  public ObjectMapper getContext(Class<?> type) {
    return strict;
  }
}
