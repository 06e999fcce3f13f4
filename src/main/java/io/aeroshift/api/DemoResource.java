package io.aeroshift.api;

import io.aeroshift.api.security.Roles;
import io.aeroshift.outcome.RequestRefused;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The embedded demo's whereabouts: its Kubernetes API server, clusters, wave and users. */
@Path("/api/v1/demo")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "demo", description = "the embedded default's demo")
public class DemoResource {
  @Inject Instance<DemoDescription> demo;

  /** 404 problem {@code DEMO_OFF} when the demo does not run (the postgres build, {@code aeroshift.demo.enabled=false}). */
  @GET
  @RolesAllowed({Roles.ENGINEER, Roles.OWNER, Roles.VIEWER})
  @Operation(summary = "the embedded demo: Kubernetes API URL (kubernetesApi), source clusters, wave, users")
  public DemoView get(@Context UriInfo uri) {
    Optional<DemoView> view = demo.isResolvable() ? demo.get().describe() : Optional.empty();
    String base = uri.getBaseUri().toString();
    return view.map(v -> v.withDashboard(base.endsWith("/") ? base : base + "/"))
        .orElseThrow(() -> new RequestRefused(404, "DEMO_OFF",
            "the embedded demo does not run here (it is on in the embedded default only: aeroshift.demo.enabled)"));
  }
}
